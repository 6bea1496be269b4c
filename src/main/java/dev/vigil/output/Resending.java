package dev.vigil.output;

import dev.vigil.alert.Notification;
import java.time.Duration;

/**
 * What a {@link Delivery} may do besides sending each notification once: send the alerts still firing again every
 * {@link #resendInterval()} until they resolve, as Alertmanager expects (it resolves an alert that is not posted again
 * within its {@code resolve_timeout}). The delivery learns which alerts fire from the notifications its route queue
 * gives it (firing and reminders add one, resolved removes it), so neither the agent nor any other kind changes for
 * it. {@link Deliveries#start} calls {@link #resendFiring()} on that cadence, on a virtual thread of the route's own,
 * from the first interval on, and stops it on close; {@code vigil notify-test} never does.
 *
 * <p>{@link #resendFiring()} runs beside the route queue's {@link Delivery#send}: the delivery serialises the two so
 * that an alert resolved by {@code send} is not posted as firing afterwards. A failed re-send is not retried: the next
 * interval sends the same alerts again.
 */
public interface Resending {
    /** How long after one re-send the next begins; positive. */
    Duration resendInterval();

    /**
     * Sends the alerts firing now, once, bounded in time as {@link Delivery#send} is; never throws for the receiver's
     * or the network's failures.
     *
     * @throws InterruptedException when the route is closed while sending
     */
    void resendFiring() throws InterruptedException;

    /**
     * Tells the delivery, before any notification, of an alert that was firing when the agent last stopped: its last
     * firing or reminder message, which is not sent again. It is re-sent from the next interval on, so that a restart
     * does not let the receiver resolve an alert still failing.
     */
    void alreadyFiring(Notification latest);
}
