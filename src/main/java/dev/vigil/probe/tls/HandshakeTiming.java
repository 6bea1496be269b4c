package dev.vigil.probe.tls;

import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSession;

/**
 * When one TLS connection's engine was created, began its handshake and finished it, as {@link TimedEngine} saw it.
 * The HTTP client creates the engine just before it opens the TCP connection and starts the handshake once the
 * connection is up, so these mark connect and handshake on the very connection the request then uses.
 *
 * @param created when the engine was created: the connect begins
 * @param started when the engine first produced or consumed handshake bytes: the connect is done
 * @param done    when the engine reported the handshake finished
 */
public record HandshakeTiming(Instant created, Instant started, Instant done) {
    /** The session value under which the engine leaves its timing for whoever reads the session afterwards. */
    static final String SESSION_KEY = "dev.vigil.handshake-timing";

    /** The timing left on {@code session} by a {@link TimedEngine}, or null when it has none. */
    public static HandshakeTiming of(SSLSession session) {
        return session.getValue(SESSION_KEY) instanceof HandshakeTiming timing ? timing : null;
    }

    public Duration connect() {
        return Duration.between(created, started);
    }

    public Duration handshake() {
        return Duration.between(started, done);
    }
}
