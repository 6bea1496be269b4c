package dev.vigil.cert;

import java.util.Locale;

/** How urgent a certificate event is. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** The severity as written in logs, JSON and the state file, e.g. {@code critical}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity whose {@link #id()} is {@code id}. */
    public static Severity ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
