package dev.vigil.output;

import dev.vigil.alert.Notification;

/**
 * Told by a {@link RouteQueue} when a notification leaves it, so its owner can remove it from the durable outbox.
 * Called on the queue's thread; must neither block nor throw.
 */
@FunctionalInterface
public interface DeliveryListener {
    /**
     * {@code notification} is done with: {@code outcome} is {@link Outcome.Kind#DELIVERED} or
     * {@link Outcome.Kind#DROPPED}.
     */
    void settled(Notification notification, Outcome outcome);

    /**
     * {@code notification} failed its last allowed attempt with {@code outcome}; it and everything behind it stay
     * {@linkplain RouteQueue#pending() pending} until the queue is {@linkplain RouteQueue#resume() resumed}.
     */
    default void stalled(Notification notification, Outcome outcome) {
    }
}
