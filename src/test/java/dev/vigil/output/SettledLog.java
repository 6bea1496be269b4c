package dev.vigil.output;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vigil.alert.Notification;
import dev.vigil.testing.FakeClock;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that hands what a queue settled or stalled to the test, with the fake time it happened. */
public final class SettledLog implements DeliveryListener {
    /** One notification leaving the queue ({@code stalled} false) or stalling it. */
    public record Settled(Notification notification, Outcome outcome, Instant at, boolean stalled) {
    }

    private final FakeClock clock;
    private final BlockingQueue<Settled> events = new LinkedBlockingQueue<>();

    public SettledLog(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void settled(Notification notification, Outcome outcome) {
        events.add(new Settled(notification, outcome, clock.instant(), false));
    }

    @Override
    public void stalled(Notification notification, Outcome outcome) {
        events.add(new Settled(notification, outcome, clock.instant(), true));
    }

    /** The next event, waiting for it at most five seconds. */
    public Settled next() throws InterruptedException {
        Settled next = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(next, "nothing settled within 5 s");
        return next;
    }
}
