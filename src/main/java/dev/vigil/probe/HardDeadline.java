package dev.vigil.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a prober on its own thread and returns by the spec's timeout plus a grace, whatever the target does. Probes
 * watch their deadline themselves; this is the backstop for what cannot be interrupted politely, such as a system DNS
 * lookup that hangs, so one hostile target can never hold up a caller.
 */
public final class HardDeadline implements Prober {
    /** Slack for a probe to notice its own deadline and report precisely before the backstop answers for it. */
    public static final Duration GRACE = Duration.ofMillis(500);

    private final Prober inner;
    private final Clock clock;
    private final ThreadFactory threads;

    /** Each run on a virtual thread of its own: the agent's many concurrent runs. */
    public HardDeadline(Prober inner, Clock clock) {
        this(inner, clock, Thread.ofVirtual().factory());
    }

    /**
     * Each run on a thread {@code threads} makes. A one-shot command passes daemon platform threads: socket I/O on a
     * virtual thread starts the JDK's poller, whose thread then waits in {@code epoll_wait} for good, and the JVM's
     * exit waits 300 ms for any thread in native code before giving up on it (measured: 0.3 s of a 0.7 s
     * {@code vigil probe}).
     */
    public HardDeadline(Prober inner, Clock clock, ThreadFactory threads) {
        this.inner = inner;
        this.clock = clock;
        this.threads = threads;
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        Instant start = clock.instant();
        FutureTask<ProbeResult> task = new FutureTask<>(() -> inner.run(spec));
        Thread thread = threads.newThread(task);
        thread.setName("probe " + spec.url());
        thread.start();
        try {
            return task.get(spec.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupts the probe's thread and returns at once: nothing waits for what is abandoned.
            task.cancel(true);
            return abandoned(spec, start, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            return failed(start, clock.instant(), FailureKind.TIMEOUT, "the probe of " + spec.url() + " was cancelled");
        } catch (ExecutionException e) {
            // A prober never throws by contract; if it does (an Error such as running out of file descriptors), the
            // run must still end as a failure: a thrown run would leave the probe's last result, perhaps a success.
            Throwable cause = e.getCause();
            return failed(start, clock.instant(), FailureKind.INTERNAL, "Vigil failed while probing " + spec.url()
                    + ", so its state is unknown: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        }
    }

    /** The result of a probe given up on at {@code now}: a {@code timeout}, in the words every backstop uses. */
    public static ProbeResult abandoned(ProbeSpec spec, Instant start, Instant now) {
        return failed(start, now, FailureKind.TIMEOUT, "the probe of " + spec.url() + " did not finish within its "
                + spec.timeout().toMillis() + " ms timeout and was abandoned");
    }

    private static ProbeResult failed(Instant start, Instant now, FailureKind kind, String message) {
        return new ProbeResult(start, Duration.between(start, now), new Failure(kind, message),
                null, null, Phases.NONE, null, List.of());
    }
}
