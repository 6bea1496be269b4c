package dev.vigil.cert;

import java.time.Instant;
import java.util.Objects;

/**
 * Certificate Transparency logs could not be asked about a set of names: since when (the first failed lookup after the
 * last answer) and why, as the last failure said it.
 *
 * @param since   when the first lookup failed that no answer has followed
 * @param message the last failure, fit for a log line and bounded in length
 */
public record CtFailure(Instant since, String message) {
    /** The most characters of a failure kept; crt.sh's own words can be long. */
    static final int MAX_MESSAGE = 200;

    public CtFailure {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(message, "message");
        message = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** The failure as the alert's facts and {@code vigil certs} say it. */
    public String text() {
        return "could not be asked since " + CertText.time(since) + ": " + message;
    }

    /** This failure followed by {@code later}: still failing since the first one, for the latest reason. */
    CtFailure then(CtFailure later) {
        return new CtFailure(since, later.message());
    }
}
