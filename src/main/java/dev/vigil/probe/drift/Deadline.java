package dev.vigil.probe.drift;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The moment a run's waiting ends. A task not done by then is left to itself (its pool interrupts it and nobody
 * waits for it) and a stand-in result takes its place, so a run ends by its deadline whatever its targets do.
 * Measured with {@link System#nanoTime}, as the sockets' own timeouts are.
 */
final class Deadline {
    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    /** The deadline {@code timeout} from now. */
    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** This deadline moved by {@code slack}. */
    Deadline plus(Duration slack) {
        return new Deadline(at + slack.toNanos());
    }

    /**
     * The task's result, or {@code late}'s when it is not done by the deadline or the waiting thread is interrupted
     * (the interrupt is kept, so the next wait ends at once too).
     *
     * @throws IllegalStateException when the task threw, which no task of a run may do
     */
    <T> T get(Future<T> task, Supplier<T> late) {
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
