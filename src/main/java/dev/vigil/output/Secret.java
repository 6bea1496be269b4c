package dev.vigil.output;

import java.util.Objects;

/**
 * A value that must never be printed: a webhook URL, a password, a token. {@link #toString()} hides it, so it cannot
 * leak through a log line, an exception or a record's string form; {@link #reveal()} is for the one place that sends it.
 */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** The value, to send; never to print. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
