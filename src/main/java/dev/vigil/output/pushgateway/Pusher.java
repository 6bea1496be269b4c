package dev.vigil.output.pushgateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pushes the page to the Pushgateway every interval, on its own virtual thread, so probing never waits for it. Each
 * push renders the page afresh: while the Pushgateway is down nothing queues up, and the first push that gets through
 * carries the latest values. After a failure the next attempt comes after a backoff that starts at {@link #FIRST_RETRY}
 * and doubles with each further failure, up to the interval.
 *
 * <p>Logs one WARNING when pushes start failing and one INFO when they succeed again, not one line per attempt.
 * Registers {@code vigil.push.failures} (failed pushes) and {@code vigil.push.last.success.timestamp.seconds} (when
 * the last push succeeded, in unix time; 0 before the first) on the given registry.
 */
public final class Pusher implements AutoCloseable {
    /** The wait before the first retry after a failure. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final PushgatewaySettings settings;
    private final PushgatewayClient client;
    private final PageWriter page;
    private final Clock clock;
    private final Logger log;
    private final Counter failures;
    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private final ReentrantLock pushing = new ReentrantLock();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private int consecutiveFailures;
    private Thread loop;

    /**
     * @param page     renders the page to push
     * @param registry where the push meters go
     * @param clock    stamps the last successful push
     */
    public Pusher(PushgatewaySettings settings, PageWriter page, MeterRegistry registry, Clock clock) {
        this(settings, page, registry, clock, System.getLogger("dev.vigil.output.pushgateway"));
    }

    Pusher(PushgatewaySettings settings, PageWriter page, MeterRegistry registry, Clock clock, Logger log) {
        this.settings = settings;
        this.client = new PushgatewayClient(settings);
        this.page = page;
        this.clock = clock;
        this.log = log;
        failures = Counter.builder("vigil.push.failures").description("Pushes to the Pushgateway that failed")
                .register(registry);
        Gauge.builder("vigil.push.last.success.timestamp.seconds", lastSuccessMillis, millis -> millis.get() / 1000.0)
                .description("When a push to the Pushgateway last succeeded, in unix time").register(registry);
    }

    /** Starts the loop: the first push at once, then one every interval. Returns this. */
    public synchronized Pusher start() {
        if (loop != null || closed.get()) {
            throw new IllegalStateException("the pusher was already started or closed");
        }
        loop = Thread.ofVirtual().name("vigil-pushgateway").start(this::run);
        return this;
    }

    private void run() {
        Duration next = Duration.ZERO;
        try {
            while (!stop.await(next.toNanos(), TimeUnit.NANOSECONDS)) {
                next = pushOnce().next();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Nothing here interrupts the loop; if something does, it ends.
        }
    }

    /** Pushes the page once, updating the meters and logging a change between failing and succeeding. */
    public PushOutcome pushOnce() {
        pushing.lock();
        try {
            client.push(page);
            lastSuccessMillis.set(clock.millis());
            if (consecutiveFailures > 0) {
                log.log(Level.INFO, "pushes to Pushgateway at " + settings.url() + " succeed again after "
                        + consecutiveFailures + (consecutiveFailures == 1 ? " failure" : " failures"));
            }
            consecutiveFailures = 0;
            return new PushOutcome(null, 0, settings.interval());
        } catch (PushException e) {
            failures.increment();
            consecutiveFailures++;
            if (consecutiveFailures == 1) {
                log.log(Level.WARNING, "pushes to Pushgateway at " + settings.url() + " failing: " + e.getMessage()
                        + "; retrying with backoff");
            }
            return new PushOutcome(e.getMessage(), consecutiveFailures, backoff(consecutiveFailures));
        } finally {
            pushing.unlock();
        }
    }

    /** {@link #FIRST_RETRY} doubled for each failure after the first, at most the interval. */
    private Duration backoff(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 30);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(settings.interval()) < 0 ? wait : settings.interval();
    }

    /**
     * Stops the loop, letting a push in flight finish (it ends within the timeout), then deletes the group when the
     * settings say so, within the timeout too. A failed delete is logged, not thrown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.countDown();
        Thread running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (settings.deleteOnShutdown()) {
            try {
                client.delete();
            } catch (PushException e) {
                log.log(Level.WARNING, "could not delete group " + client.groupUri().getRawPath()
                        + " on shutdown: " + e.getMessage());
            }
        }
        client.close();
    }
}
