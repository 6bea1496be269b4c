package dev.vigil.agent;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What the agent holds of one peer after its last poll: the last answer taken and when, and why the polls since
 * failed.
 *
 * @param shown        the peer's base URL without user info, as pages and logs may show it
 * @param last         its last answer taken, or null when none was yet
 * @param answeredAt   when that answer came, or null
 * @param failure      why the last poll failed, or null when it answered
 */
record PeerView(String shown, PeerAnswer last, Instant answeredAt, String failure) {
    public PeerView {
        Objects.requireNonNull(shown, "shown");
        if ((last == null) != (answeredAt == null)) {
            throw new IllegalArgumentException("an answer comes with its time");
        }
    }

    /** A peer not polled yet. */
    static PeerView first(String shown) {
        return new PeerView(shown, null, null, null);
    }

    /** This peer after a poll it answered with {@code answer} at {@code now}. */
    PeerView answered(PeerAnswer answer, Instant now) {
        return new PeerView(shown, answer, now, null);
    }

    /** This peer after a poll that failed: the last answer is kept, with its time. */
    PeerView failed(String reason) {
        return new PeerView(shown, last, answeredAt, reason);
    }

    /** The peer's base URL without user info: {@code url} may hold a password for a proxy in front of it. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", ""));
    }

    /** How the page names the peer: by the name it gave, else by its URL. */
    String name() {
        return last == null ? shown : last.where().agent();
    }
}
