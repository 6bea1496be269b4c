package dev.vigil.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one probe run. Failures are data: {@link #failure()} is null exactly when the run succeeded.
 *
 * @param startedAt when the run began
 * @param duration  wall time of the whole run
 * @param failure   why it failed, or null
 * @param http      the final response, or null when none arrived
 * @param tls       the certificate chain and handshake, or null for plain HTTP or when no handshake completed far enough
 * @param phases    time per phase
 */
public record ProbeResult(Instant startedAt, Duration duration, Failure failure, HttpFacts http, TlsFacts tls, Phases phases) {
    public ProbeResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(phases, "phases");
    }

    public boolean success() {
        return failure == null;
    }
}
