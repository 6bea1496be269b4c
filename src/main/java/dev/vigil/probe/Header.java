package dev.vigil.probe;

import java.util.Objects;

/** One request header; a secret value (from {@code ${ENV}} or {@code ${file:…}}) never appears in {@link #toString()}. */
public record Header(String name, String value, boolean secret) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("not a valid header name: '" + name + "'");
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
