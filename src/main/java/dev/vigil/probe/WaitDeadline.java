package dev.vigil.probe;

import dev.vigil.time.Deadline;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The moment a caller's waiting for the tasks of a run ends (not to be confused with {@link Deadline}, the run's own
 * deadline against its clock). A task not done by then is left to itself (its pool interrupts it and nobody
 * waits for it) and a stand-in result takes its place, so a run ends by its deadline whatever its targets do.
 * Measured with {@link System#nanoTime}, as the sockets' own timeouts are.
 */
public final class WaitDeadline {
    private final long at;

    private WaitDeadline(long at) {
        this.at = at;
    }

    /** The deadline {@code timeout} from now. */
    public static WaitDeadline after(Duration timeout) {
        return new WaitDeadline(System.nanoTime() + timeout.toNanos());
    }

    /** This deadline moved by {@code slack}. */
    public WaitDeadline plus(Duration slack) {
        return new WaitDeadline(at + slack.toNanos());
    }

    /**
     * The task's result, or {@code late}'s when it is not done by the deadline or the waiting thread is interrupted
     * (the interrupt is kept, so the next wait ends at once too).
     *
     * @throws IllegalStateException when the task threw, which no task of a run may do
     */
    public <T> T get(Future<T> task, Supplier<T> late) {
        try {
            return task.get(Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return late.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return late.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
