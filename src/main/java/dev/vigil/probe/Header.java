package dev.vigil.probe;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** One request header; a secret value (from {@code ${ENV}} or {@code ${file:…}}) never appears in {@link #toString()}. */
public record Header(String name, String value, boolean secret) {
    /** Headers the transport owns: framing, connection handling and the authority. */
    private static final Set<String> MANAGED =
            Set.of("connection", "content-length", "expect", "host", "transfer-encoding", "upgrade", "te");

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("not a valid header name: '" + name + "'");
        }
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header '" + name + "' is managed by Vigil itself (each run opens one fresh"
                    + " connection; use --resolve / a pinned address instead of a Host header)");
        }
        // A line break would let a value smuggle further headers into the request; never echo the value itself.
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the value of header '" + name + "' contains a line break");
        }
    }

    @Override
    public String toString() {
        return name + ": " + (secret ? "<redacted>" : value);
    }
}
