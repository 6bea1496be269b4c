package dev.vigil.output;

import static dev.vigil.output.Notifications.firing;
import static dev.vigil.output.Notifications.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.Notification;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue's order, stalls and closing, with a scripted delivery. */
class RouteQueueTest {
    private static final Outcome BUSY = Outcome.retryLater("HTTP 503", null);

    private final FakeClock clock = new FakeClock(Notifications.AT);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final SettledLog settled = new SettledLog(clock);
    private final CapturedLog log = new CapturedLog();

    /** Once its gate opens, answers from a script, then delivers; counts attempts. */
    private static final class Scripted implements Delivery {
        final BlockingQueue<Outcome> script = new LinkedBlockingQueue<>();
        final AtomicInteger attempts = new AtomicInteger();
        final CountDownLatch gate = new CountDownLatch(1);

        Scripted(Outcome... outcomes) {
            script.addAll(List.of(outcomes));
        }

        @Override
        public String name() {
            return "test route 'ops'";
        }

        @Override
        public Outcome send(Notification notification) throws InterruptedException {
            gate.await();
            attempts.incrementAndGet();
            Outcome next = script.poll();
            return next == null ? Outcome.delivered() : next;
        }
    }

    private RouteQueue start(Delivery delivery, Retries retries) {
        return RouteQueue.start(delivery, settled, new Pacing(clock, sleeper, Pacing.ONE_PER_SECOND), retries, log);
    }

    @Test
    void afterItsLastAttemptANotificationStallsTheQueueUntilResumed() throws InterruptedException {
        Scripted delivery = new Scripted(BUSY, BUSY, BUSY);
        try (RouteQueue queue = start(delivery, new Retries(3, Duration.ofSeconds(2), Duration.ofMinutes(1)))) {
            queue.offer(firing(1));
            queue.offer(resolved(2, Duration.ofMinutes(5)));
            delivery.gate.countDown();
            SettledLog.Settled stall = settled.next();
            assertTrue(stall.stalled());
            assertEquals(1, stall.notification().sequence());
            assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeper.waits());
            assertEquals(List.of(firing(1), resolved(2, Duration.ofMinutes(5))), queue.pending());
            assertTrue(queue.stalled());
            assertTrue(log.lines().contains("ERROR test route 'ops': #1 firing down of probe 'api' not delivered"
                    + " after 3 attempts (HTTP 503); it stays pending with 1 behind it"), log.lines().toString());
            assertEquals("WARNING test route 'ops': #1 firing down of probe 'api' not delivered (HTTP 503),"
                    + " attempt 1 of 3; retrying in 2s", log.lines().getFirst());

            queue.resume();
            assertEquals(1, settled.next().notification().sequence());
            assertEquals(2, settled.next().notification().sequence());
            assertEquals(List.of(), queue.pending());
            assertEquals(5, delivery.attempts.get());
        }
    }

    @Test
    void closeLetsTheRunningAttemptFinishAndKeepsTheRestPending() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Delivery slow = new Delivery() {
            @Override
            public String name() {
                return "test route 'slow'";
            }

            @Override
            public Outcome send(Notification notification) throws InterruptedException {
                attempts.incrementAndGet();
                started.countDown();
                release.await();
                return BUSY;
            }
        };
        RouteQueue queue = start(slow, Retries.DEFAULT);
        queue.offer(firing(1));
        queue.offer(firing(2));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Thread closing = Thread.ofVirtual().start(queue::close);
        Eventually.until(Duration.ofSeconds(5), "close() waits for the attempt",
                () -> closing.getState() == Thread.State.WAITING);
        release.countDown();
        closing.join(Duration.ofSeconds(5));
        assertEquals(Thread.State.TERMINATED, closing.getState());
        assertEquals(1, attempts.get());
        assertEquals(List.of(), sleeper.waits());
        assertEquals(List.of(firing(1), firing(2)), queue.pending());
        assertThrows(IllegalStateException.class, () -> queue.offer(firing(3)));
    }

    @Test
    void closeAbandonsAWait() throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        Sleeper forever = duration -> {
            waiting.countDown();
            Thread.sleep(Duration.ofDays(1));
        };
        Scripted delivery = new Scripted(BUSY);
        RouteQueue queue = RouteQueue.start(delivery, settled, new Pacing(clock, forever, Pacing.ONE_PER_SECOND),
                Retries.DEFAULT, log);
        queue.offer(firing(1));
        delivery.gate.countDown();
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        queue.close();
        assertEquals(List.of(firing(1)), queue.pending());
    }
}
