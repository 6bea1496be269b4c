package dev.vigil.cert;

import java.time.Instant;
import java.util.Objects;

/**
 * How much of a CA's rate limit is used at one instant.
 *
 * @param issuedInWindow certificates issued within the policy's window, up to and including the instant
 * @param tokensLeft     certificates the CA would still issue now
 * @param nextTokenAt    when one more becomes available; null when none is in use
 * @param level          how close the limit is
 */
public record LimitUsage(int issuedInWindow, int tokensLeft, Instant nextTokenAt, Level level) {
    public LimitUsage {
        Objects.requireNonNull(level, "level");
    }

    /** How close a limit is. */
    public enum Level {
        /** More than the policy's {@code warnAt} left. */
        OK,
        /** At most the policy's {@code warnAt} left. */
        WARNING,
        /** None left: the CA refuses new certificates. */
        CRITICAL;

        static Level of(int tokensLeft, LimitPolicy policy) {
            return tokensLeft == 0 ? CRITICAL : tokensLeft <= policy.warnAt() ? WARNING : OK;
        }
    }
}
