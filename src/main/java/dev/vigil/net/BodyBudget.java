package dev.vigil.net;

import dev.vigil.text.ByteSizes;
import dev.vigil.time.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the body bytes all runs of one prober hold together. Each run holds its first {@value #FREE_PER_RUN} bytes
 * freely (health-check bodies are small, and concurrent runs are few, so that part is bounded and never waits); bytes
 * beyond that are drawn from one shared budget as they arrive and returned when the run ends. Without it, 60 targets
 * each sending 1 MiB and then stalling held 60 MiB and more until their deadlines, and the agent ran out of heap.
 * A run that finds the budget spent waits for room until its deadline; if it times out, its message says how long it
 * waited and names the budget.
 */
public final class BodyBudget {
    public static final long FREE_PER_RUN = 64 * 1024;
    public static final long DEFAULT_BYTES = 32L * 1024 * 1024;

    private final long total;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private long used;

    public BodyBudget(long total) {
        if (total <= 0) {
            throw new IllegalArgumentException("the body budget must be positive");
        }
        this.total = total;
    }

    public long total() {
        return total;
    }

    /** Bytes drawn from the shared budget now. */
    public long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** A claim that never waits, for a reader whose own limit is bound enough. */
    public static Claim unlimited() {
        return new BodyBudget(Long.MAX_VALUE / 2).claim(null);
    }

    /** One run's share; closing it returns what it drew. */
    public Claim claim(Deadline deadline) {
        return new Claim(deadline);
    }

    /** A run was still waiting for room when its deadline passed: a timeout, told by {@link Claim#waitNote()}. */
    public static final class Exhausted extends IOException {
        Exhausted() {
            super("no room in the body budget before the deadline");
        }
    }

    /** The body bytes one run holds. Thread-safe: a body may arrive on one thread while the run ends on another. */
    public final class Claim implements AutoCloseable {
        private final Deadline deadline;
        private long held;
        private long drawn;
        private Duration waited = Duration.ZERO;
        private boolean starved;
        /** When the wait under way began, or null: a timeout may be reported while another thread still waits. */
        private Instant waitingSince;
        private boolean closed;

        private Claim(Deadline deadline) {
            this.deadline = deadline;
        }

        /**
         * Makes room for {@code n} more bytes if that needs no waiting; false when it would (the run then counts as
         * waiting until it gets room), or the run is over.
         */
        public boolean tryGrow(long n) {
            lock.lock();
            try {
                if (take(n)) {
                    stopWaiting();
                    return true;
                }
                startWaiting();
                return false;
            } finally {
                lock.unlock();
            }
        }

        /** Makes room for {@code n} more bytes, waiting for other runs to return some until the deadline. */
        public void grow(long n) throws Exhausted {
            lock.lock();
            try {
                while (!take(n)) {
                    startWaiting();
                    long left = deadline.remaining().toNanos();
                    if (closed || left <= 0) {
                        throw new Exhausted();
                    }
                    returned.await(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Exhausted();
            } finally {
                stopWaiting();
                lock.unlock();
            }
        }

        private void startWaiting() {
            starved = true;
            if (waitingSince == null) {
                waitingSince = deadline.clock().instant();
            }
        }

        private void stopWaiting() {
            if (waitingSince != null) {
                waited = waited.plus(Duration.between(waitingSince, deadline.clock().instant()));
                waitingSince = null;
            }
        }

        /**
         * For the message of a run that timed out: how long it waited for room in the shared budget, or "" when it
         * never did. A run that waited may still have got room just before its deadline and then timed out reading.
         */
        public String waitNote() {
            lock.lock();
            try {
                Duration soFar = waitingSince == null ? waited : waited.plus(Duration.between(waitingSince, deadline.clock().instant()));
                return !starved ? "" : "; after " + held / 1024 + " KiB it waited " + soFar.toMillis()
                        + " ms for room in the " + ByteSizes.text(total) + " body budget that all probes share,"
                        + " which other probes' large bodies held (probe a lighter endpoint or lower maxBodySize)";
            } finally {
                lock.unlock();
            }
        }

        private boolean take(long n) {
            if (closed) {
                return false;
            }
            long draw = Math.max(0, held + n - FREE_PER_RUN) - drawn;
            if (draw > total - used) {
                return false;
            }
            used += draw;
            drawn += draw;
            held += n;
            return true;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    used -= drawn;
                    drawn = 0;
                    returned.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
