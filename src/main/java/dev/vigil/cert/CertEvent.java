package dev.vigil.cert;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Something about an endpoint's certificate worth telling people: a change, an expiry warning, or a CA rate limit
 * running low. Produced by {@link CertTracker}, consumed through {@link CertEventSink}.
 *
 * @param kind     a {@link ChangeKind#id()}, or {@code expiring}, {@code duplicate_limit}, {@code registered_domain_limit}
 * @param severity how urgent it is
 * @param probe    the probe whose run saw it
 * @param endpoint where the certificate is served
 * @param old      the certificate before, or null when the event is about one certificate
 * @param current  the certificate it is about (the new one for a change)
 * @param message  one sentence saying what happened
 * @param at       when Vigil saw it
 */
public record CertEvent(String kind, Severity severity, String probe, Endpoint endpoint, Observation old,
        Observation current, String message, Instant at) {
    public static final String EXPIRING = "expiring";
    public static final String DUPLICATE_LIMIT = "duplicate_limit";
    public static final String REGISTERED_DOMAIN_LIMIT = "registered_domain_limit";

    public CertEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    /** The change this event reports, if it reports one. */
    public Optional<ChangeKind> change() {
        return Arrays.stream(ChangeKind.values()).filter(k -> k.id().equals(kind)).findFirst();
    }
}
