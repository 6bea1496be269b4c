package dev.vigil.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Whether what a peer told can be shown as it is, and what the page says when not: never a state on evidence older
 * than {@link #EXPIRED}.
 *
 * @param shown  whether the peer's rows are shown, with their states
 * @param states whether those states stand; false: they are shown as unknown
 * @param note   why the rows may be out of date, or why there are none; null when the peer answered its last poll
 */
record PeerFreshness(boolean shown, boolean states, String note) {
    /** How old a peer's answer may be and still be shown up or down: a dozen polls missed. */
    static final Duration EXPIRED = Duration.ofMinutes(3);

    /**
     * @param staleAfter how old an answer may be while polls do not fail: longer than a round of polls, so that only
     *                   polls that stopped (a collector that hangs) make it stale
     */
    static PeerFreshness of(PeerView peer, Instant now, Duration staleAfter) {
        if (peer.last() == null) {
            return new PeerFreshness(false, false, "peer " + peer.shown() + (peer.failure() == null
                    ? " has not been polled yet" : " does not answer: " + peer.failure()));
        }
        Duration age = Duration.between(peer.answeredAt(), now);
        if (peer.failure() == null && age.compareTo(staleAfter) <= 0) {
            return new PeerFreshness(true, true, null);
        }
        String note = "peer " + peer.name() + " did not answer since " + peer.answeredAt().truncatedTo(ChronoUnit.SECONDS)
                + (peer.failure() == null ? "" : ": " + peer.failure());
        return new PeerFreshness(true, age.compareTo(EXPIRED) <= 0, note);
    }
}
