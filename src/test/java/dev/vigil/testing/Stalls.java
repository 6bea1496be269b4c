package dev.vigil.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A latency bound that does not depend on an idle machine: a thread of this JVM sleeps {@link #TICK} again and
 * again and adds up how much longer than that each sleep took, which is the time the machine (or a collector pause)
 * held this JVM's threads back. {@link #within} then allows a bound plus the time held back since its start, so a
 * busy CI runner stretches the deadline by what it stole and no more.
 */
public final class Stalls implements AutoCloseable {
    private static final long TICK = Duration.ofMillis(5).toNanos();
    /** An oversleep below this is the scheduler's ordinary grain, not a stall. */
    private static final long GRAIN = Duration.ofMillis(2).toNanos();

    private final AtomicLong stalled = new AtomicLong();
    private final Thread meter;

    private Stalls() {
        meter = Thread.ofPlatform().daemon().name("test-stall-meter").start(this::measure);
    }

    /** Starts measuring. */
    public static Stalls start() {
        return new Stalls();
    }

    private void measure() {
        while (!Thread.currentThread().isInterrupted()) {
            long before = System.nanoTime();
            try {
                Thread.sleep(Duration.ofNanos(TICK));
            } catch (InterruptedException e) {
                return;
            }
            long over = System.nanoTime() - before - TICK;
            if (over > GRAIN) {
                stalled.addAndGet(over);
            }
        }
    }

    /** The time held back so far, in nanoseconds. */
    public long stalledNanos() {
        return stalled.get();
    }

    /**
     * Polls {@code condition} until it holds; fails with {@code what} once {@code bound}, plus the time held back
     * after {@code stalledAtStart}, has passed since {@code startNanos} ({@link System#nanoTime()}). Returns the time
     * from {@code startNanos} to when the condition was seen to hold.
     */
    public Duration within(Duration bound, long startNanos, long stalledAtStart, String what,
            Supplier<Boolean> condition) {
        while (!condition.get()) {
            long allowed = bound.toNanos() + stalledNanos() - stalledAtStart;
            long elapsed = System.nanoTime() - startNanos;
            if (elapsed > allowed) {
                throw new AssertionError("not within " + bound.toMillis() + " ms (+" + (allowed - bound.toNanos())
                        / 1_000_000 + " ms the machine held this JVM back): " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        meter.interrupt();
    }
}
