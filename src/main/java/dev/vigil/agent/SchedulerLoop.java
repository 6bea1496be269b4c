package dev.vigil.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that hands due runs to the runner, then waits for the next slot or for a reload to change the
 * schedule. It never runs a probe itself, so a slow probe cannot hold up the others' slots.
 */
final class SchedulerLoop implements Runnable {
    private final Schedule schedule;
    private final ProbeRunner runner;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean poked;
    private boolean stopped;

    SchedulerLoop(Schedule schedule, ProbeRunner runner, Clock clock) {
        this.schedule = schedule;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (true) {
            schedule.takeDue(clock.instant()).forEach(runner::start);
            Optional<Instant> next = schedule.nextDue();
            lock.lock();
            try {
                if (!poked && !stopped) {
                    long nanos = next.map(at -> Duration.between(clock.instant(), at).toNanos()).orElse(Long.MAX_VALUE);
                    if (nanos > 0) {
                        woken.await(nanos, TimeUnit.NANOSECONDS);
                    }
                }
                poked = false;
                if (stopped) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The schedule changed: look again now rather than at the previously next slot. */
    void poke() {
        signal(false);
    }

    void stop() {
        signal(true);
    }

    private void signal(boolean stop) {
        lock.lock();
        try {
            poked = true;
            stopped |= stop;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
