package dev.vigil.probe;

import java.util.Objects;

/** One request header; a secret value (from {@code ${ENV}} or {@code ${file:…}}) never appears in {@link #toString()}. */
public record Header(String name, String value, boolean secret) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return name + ": " + (secret ? "<redacted>" : value);
    }
}
