package dev.vigil.output;

import dev.vigil.alert.Notification;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The notifications bound for one route, sent in order on the queue's own virtual thread, so probing never waits for
 * a webhook. Attempts are {@linkplain Pacing paced}; one that may succeed later is retried after the receiver's
 * {@code Retry-After} or an exponential backoff ({@link Retries}). A notification stays {@linkplain #pending()
 * pending} until it is delivered or dropped, when the {@link DeliveryListener} is told; one that fails
 * {@link Retries#maxAttempts()} times stalls the queue, with an ERROR, so that nothing overtakes it (a resolved
 * message never arrives before its firing one) until {@link #offer(Notification)} or {@link #resume()} tries again.
 *
 * <p>{@link #close()} lets a running attempt finish and abandons any wait; what is left is in {@link #pending()}, for the
 * durable outbox. Thread-safe.
 */
public final class RouteQueue implements AutoCloseable {
    private final Delivery delivery;
    private final DeliveryListener listener;
    private final Pacing pacing;
    private final Retries retries;
    private final DeliveryLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Deque<Notification> queue = new ArrayDeque<>();
    private boolean stalled;
    private boolean closed;
    private boolean attempting;
    private Thread worker;

    private RouteQueue(Delivery delivery, DeliveryListener listener, Pacing pacing, Retries retries, DeliveryLog log) {
        this.delivery = delivery;
        this.listener = listener;
        this.pacing = pacing;
        this.retries = retries;
        this.log = log;
    }

    /** A queue sending through {@code delivery} on a new virtual thread. */
    public static RouteQueue start(Delivery delivery, DeliveryListener listener, Pacing pacing, Retries retries,
            DeliveryLog log) {
        RouteQueue queue = new RouteQueue(delivery, listener, pacing, retries, log);
        queue.worker = Thread.ofVirtual().name("vigil-" + delivery.name()).start(queue::run);
        return queue;
    }

    /** A queue with real time, one attempt per second, {@link Retries#DEFAULT} and the system log. */
    public static RouteQueue start(Delivery delivery, DeliveryListener listener) {
        return start(delivery, listener, Pacing.realTime(), Retries.DEFAULT, DeliveryLog.SYSTEM);
    }

    /**
     * Queues {@code notification} behind the pending ones; returns at once. A stalled queue tries again.
     *
     * @throws IllegalStateException when the queue is closed
     */
    public void offer(Notification notification) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(delivery.name() + " is closed");
            }
            queue.addLast(notification);
            stalled = false;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Tries the first pending notification again, with a fresh count of attempts, if the queue stalled. */
    public void resume() {
        lock.lock();
        try {
            stalled = false;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The notifications not yet delivered or dropped, oldest first, the one being sent included. */
    public List<Notification> pending() {
        lock.lock();
        try {
            return List.copyOf(queue);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the first pending notification used up its attempts and waits for {@link #resume()}. */
    public boolean stalled() {
        lock.lock();
        try {
            return stalled;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the running attempt, if any, and waits for the queue's thread to end. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
            if (!attempting) {
                worker.interrupt();
            }
        } finally {
            lock.unlock();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            for (Notification next = awaitNext(); next != null; next = awaitNext()) {
                deliver(next);
            }
        } catch (InterruptedException e) {
            // closed while waiting: what is left stays pending
        }
    }

    private Notification awaitNext() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && (queue.isEmpty() || stalled)) {
                ready.await();
            }
            return closed ? null : queue.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    private void deliver(Notification notification) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            pacing.awaitTurn();
            Outcome outcome = attempt(notification);
            if (outcome.kind() != Outcome.Kind.RETRY_LATER) {
                settle(notification, outcome);
                return;
            }
            if (attempt == retries.maxAttempts()) {
                stall(notification, outcome, attempt);
                return;
            }
            Duration wait = retries.waitAfter(attempt, outcome);
            log.log(Level.WARNING, delivery.name() + ": " + describe(notification) + " not delivered ("
                    + outcome.reason() + "), attempt " + attempt + " of " + retries.maxAttempts() + "; retrying in "
                    + wait.toSeconds() + "s");
            pacing.await(wait);
        }
    }

    /** One send, which {@link #close()} does not interrupt; once closed, the next wait ends at once. */
    private Outcome attempt(Notification notification) throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
                throw new InterruptedException("closed");
            }
            attempting = true;
        } finally {
            lock.unlock();
        }
        try {
            return delivery.send(notification);
        } finally {
            lock.lock();
            try {
                attempting = false;
                if (closed) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void settle(Notification notification, Outcome outcome) {
        lock.lock();
        try {
            queue.removeFirst();
        } finally {
            lock.unlock();
        }
        if (outcome.kind() == Outcome.Kind.DELIVERED) {
            log.log(Level.INFO, delivery.name() + ": delivered " + describe(notification));
        } else {
            log.log(Level.ERROR, delivery.name() + ": dropped " + describe(notification) + ": " + outcome.reason()
                    + "; it will not be sent again");
        }
        listener.settled(notification, outcome);
    }

    private void stall(Notification notification, Outcome outcome, int attempts) {
        int behind;
        lock.lock();
        try {
            stalled = true;
            behind = queue.size() - 1;
        } finally {
            lock.unlock();
        }
        log.log(Level.ERROR, delivery.name() + ": " + describe(notification) + " not delivered after " + attempts
                + " attempts (" + outcome.reason() + "); it stays pending with " + behind + " behind it");
        listener.stalled(notification, outcome);
    }

    /** E.g. {@code #12 firing down of probe 'api'}. */
    static String describe(Notification notification) {
        return "#" + notification.sequence() + " " + notification.type().name().toLowerCase(Locale.ROOT) + " "
                + notification.condition().id() + " of probe '" + notification.probe() + "'";
    }
}
