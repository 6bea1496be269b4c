package dev.vigil.agent;

import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Prober;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;

/**
 * Starts due runs: never two runs of one probe at once, never more than the concurrency limit in flight. The prober
 * it is given enforces each run's hard deadline, so a hung target holds one permit for at most its timeout.
 */
final class ProbeRunner {
    private final Prober prober;
    private final Executor executor;
    private final Semaphore permits;
    private final Clock clock;
    private final AgentMetrics metrics;
    private final BiConsumer<ScheduledProbe, ProbeResult> onResult;
    private volatile boolean stopped;

    ProbeRunner(Prober prober, Executor executor, int concurrency, Clock clock, AgentMetrics metrics,
            BiConsumer<ScheduledProbe, ProbeResult> onResult) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.prober = prober;
        this.executor = executor;
        this.permits = new Semaphore(concurrency, true);
        this.clock = clock;
        this.metrics = metrics;
        this.onResult = onResult;
    }

    /** Starts no more runs, including those already waiting for a permit. */
    void stop() {
        stopped = true;
    }

    /** Starts {@code due} unless that probe is still running, in which case the slot is skipped and counted. */
    void start(DueRun due) {
        metrics.skipped(due.missed());
        ScheduledProbe probe = due.probe();
        if (!probe.running.compareAndSet(false, true)) {
            metrics.skipped(1);
            return;
        }
        executor.execute(() -> {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                probe.running.set(false);
                Thread.currentThread().interrupt();
                return;
            }
            if (stopped) {
                permits.release();
                probe.running.set(false);
                return;
            }
            try {
                metrics.runStarted(Duration.between(due.dueAt(), clock.instant()));
                ProbeResult result = prober.run(probe.config.spec());
                metrics.runFinished();
                onResult.accept(probe, result);
            } finally {
                permits.release();
                probe.running.set(false);
            }
        });
    }
}
