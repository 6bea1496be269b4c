package dev.vigil.cert;

import dev.vigil.time.Moments;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The duplicate-certificate limit of one set of names an endpoint served within the limit's window: it outlives the
 * certificate, so that after a fallback to a default certificate the set the CA refuses stays in view.
 *
 * @param names      the set of names, as {@link Observation#nameSet}
 * @param current    whether the endpoint's current certificate has these names
 * @param lastServed when a certificate with these names was last seen served
 * @param usage      the limit's usage by certificates for exactly these names
 */
public record NameSetUsage(List<String> names, boolean current, Instant lastServed, LimitUsage usage) {
    /** The most names a message lists; a certificate may carry a hundred. */
    static final int NAMES_SHOWN = 5;

    public NameSetUsage {
        names = List.copyOf(names);
        Objects.requireNonNull(lastServed, "lastServed");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * The names as a message writes them: {@code {api.example.com, www.api.example.com}}; beyond {@value #NAMES_SHOWN}
     * names, the first ones and how many more.
     */
    public String namesText() {
        return namesText(names);
    }

    /** {@code names} as {@link #namesText()} writes them. */
    static String namesText(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return "{" + String.join(", ", names) + "}";
        }
        return "{" + String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN)
                + " more}";
    }

    /**
     * What the limit counts, as a message says it: {@code this exact set of names} for the current certificate's set,
     * else the set and when it was served, e.g. {@code {a.example, b.example} (the set served here until T, before
     * this certificate)}.
     */
    public String scope() {
        return current ? "this exact set of names" : namesText() + " " + served();
    }

    /** When the set was served, for a set served before the current certificate. */
    String served() {
        return "(the set served here until " + Moments.minute(lastServed) + ", before this certificate)";
    }
}
