package dev.vigil.agent;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task the agent repeats, on a thread of its own so that one task blocked by its input cannot hold up another.
 * A failure does not end it (as it would end a bare {@code scheduleWithFixedDelay} task, silently): it is logged
 * once when the task starts failing and once when it works again, and the task keeps its schedule.
 */
final class Periodic implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");

    private final String name;
    private final Runnable task;
    private final ScheduledExecutorService thread;
    /** Only the task's own thread reads and writes it. */
    private boolean failing;

    private Periodic(String name, Runnable task) {
        this.name = name;
        this.task = task;
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("vigil-" + name).daemon()
                .factory());
    }

    /** Runs {@code task} every {@code delay} (between the end of one run and the start of the next). */
    static Periodic every(Duration delay, String name, Runnable task) {
        Periodic periodic = new Periodic(name, task);
        long millis = Math.max(1, delay.toMillis());
        periodic.thread.scheduleWithFixedDelay(periodic::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        return periodic;
    }

    private void runOnce() {
        try {
            task.run();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, name + " works again");
            }
        } catch (Throwable e) { // anything, an Error included: a task that dies stops e.g. all reloads, unseen
            if (!failing) {
                failing = true;
                LOG.log(Level.ERROR, name + " failed, trying again on its schedule: " + e);
            }
        }
    }

    /** Stops the schedule and interrupts a run in progress, without waiting for it: it may be blocked for good. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
