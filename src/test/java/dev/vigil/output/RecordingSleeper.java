package dev.vigil.output;

import dev.vigil.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sleeper that does not wait: it records each wait and moves the fake clock on by it. Like a real sleep, it throws
 * when its thread is interrupted.
 */
public final class RecordingSleeper implements Sleeper {
    private final FakeClock clock;
    private final List<Duration> waits = new ArrayList<>();

    public RecordingSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping " + duration);
        }
        waits.add(duration);
        clock.advance(duration);
    }

    /** The waits so far, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
