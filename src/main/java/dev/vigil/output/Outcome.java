package dev.vigil.output;

import java.time.Duration;
import java.util.Objects;

/**
 * What one attempt to send a notification came to.
 *
 * @param kind       delivered, worth another try, or never deliverable
 * @param reason     why, for logs: a status and the receiver's error code, never the URL; empty when delivered
 * @param retryAfter for {@link Kind#RETRY_LATER}: the wait the receiver asked for ({@code Retry-After}); null to back off
 */
public record Outcome(Kind kind, String reason, Duration retryAfter) {
    /** How an attempt ended. */
    public enum Kind {
        /** The receiver took it. */
        DELIVERED,
        /** Rate limited, a server error, a timeout or no connection: the same message may go through later. */
        RETRY_LATER,
        /** The receiver refuses it for good (a bad payload, a revoked webhook, an archived channel). */
        DROPPED
    }

    private static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, "", null);

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** The receiver took the message. */
    public static Outcome delivered() {
        return DELIVERED;
    }

    /** Try again, after {@code retryAfter} if the receiver said so (null otherwise). */
    public static Outcome retryLater(String reason, Duration retryAfter) {
        return new Outcome(Kind.RETRY_LATER, reason, retryAfter);
    }

    /** Never try this message again. */
    public static Outcome dropped(String reason) {
        return new Outcome(Kind.DROPPED, reason, null);
    }
}
