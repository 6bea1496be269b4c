package dev.vigil.output;

import dev.vigil.alert.Notification;

/** One destination's way to send a notification once, e.g. a Slack webhook. Implementations are thread-safe. */
public interface Delivery {
    /** The destination as logs name it, e.g. {@code slack route 'ops'}; never its URL. */
    String name();

    /**
     * Makes one attempt. Never throws for the receiver's or the network's failures: they are classified in the
     * outcome.
     *
     * @throws InterruptedException when the sending thread is interrupted
     */
    Outcome send(Notification notification) throws InterruptedException;
}
