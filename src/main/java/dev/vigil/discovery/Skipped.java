package dev.vigil.discovery;

import java.util.List;
import java.util.Objects;

/**
 * An object, or one host of it, that gives no probe, and why.
 *
 * @param source  the object
 * @param host    the host, or null when the whole object is skipped
 * @param reasons why, each naming the annotation or field at fault
 */
public record Skipped(ObjectRef source, String host, List<String> reasons) {
    public Skipped {
        Objects.requireNonNull(source, "source");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a skipped object needs a reason");
        }
    }

    /** One line, e.g. {@code ingress shop/web (a.example): annotation vigil.dev/interval: ...}. */
    public String describe() {
        return source + (host == null ? "" : " (" + host + ")") + ": " + String.join("; ", reasons);
    }
}
