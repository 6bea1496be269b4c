package dev.vigil.alert;

import java.util.Objects;

/**
 * A notification not yet delivered to one route; the state file keeps it so a restart still delivers it.
 *
 * @param route        the name of the route it goes to
 * @param notification what to send
 */
public record PendingNotification(String route, Notification notification) {
    public PendingNotification {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(notification, "notification");
    }
}
