package dev.vigil.agent;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The executor of the agent's HTTP server: each request on a virtual thread of its own, at most so many at once, and
 * interrupted at its deadline. The JDK server reads a request's line and headers on that thread, from an interruptible
 * channel, so the interrupt closes the connection of a client that sends slowly or never finishes; a request beyond
 * the limit is refused, which closes its connection at once.
 */
final class BoundedExchanges implements Executor, AutoCloseable {
    private final Semaphore permits;
    private final Duration deadline;
    private final ScheduledThreadPoolExecutor timers;

    BoundedExchanges(int max, Duration deadline) {
        this.permits = new Semaphore(max);
        this.deadline = deadline;
        timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("vigil-http-deadline").daemon().factory());
        timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable exchange) {
        if (!permits.tryAcquire()) {
            throw new RejectedExecutionException("too many requests in progress");
        }
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().name("vigil-http").unstarted(() -> {
            try {
                exchange.run();
            } finally {
                timer.get().cancel(false);
                permits.release();
            }
        });
        try {
            timer.set(timers.schedule(thread::interrupt, deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            permits.release();
            throw e;
        }
        thread.start();
    }

    /** Stops the deadlines; requests still running end with their connections, which the server closes. */
    @Override
    public void close() {
        timers.shutdownNow();
    }
}
