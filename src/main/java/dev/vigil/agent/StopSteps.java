package dev.vigil.agent;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The steps of a stop, run in order against one deadline. Each runs on a thread of its own and is waited for only
 * until its share of the deadline: a step blocked for good (a hung disk, a webhook that never answers, a lock held by
 * a hung reader) is logged and left behind, and the stop goes on, so a service manager's stop never hangs.
 */
final class StopSteps {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");

    private final long deadline;

    /** Steps that must all be over {@code within} from now. */
    StopSteps(Duration within) {
        deadline = System.nanoTime() + within.toNanos();
    }

    /** Time left until {@code reserve} before the deadline; zero when that has passed. */
    Duration left(Duration reserve) {
        return Duration.ofNanos(Math.max(0, deadline - reserve.toNanos() - System.nanoTime()));
    }

    /**
     * Runs {@code step}, waiting for it until {@code reserve} before the deadline (time kept for the steps after it).
     *
     * @return whether it ended in time
     */
    boolean run(String what, Duration reserve, Runnable step) {
        // A platform thread: a virtual one blocked in file I/O (a hung disk) can hold its carrier, which others need.
        Thread thread = Thread.ofPlatform().name("vigil-stop").daemon().start(() -> {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, what + " failed at shutdown: " + e);
            }
        });
        try {
            if (thread.join(left(reserve).plusMillis(1))) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.WARNING, "gave up waiting for " + what + " at shutdown");
        return false;
    }
}
