package dev.vigil.probe.starttls;

import java.io.IOException;

/** The server did not let the connection become TLS; the message says what it answered, quoted and bounded. */
public final class StartTlsException extends IOException {
    /** Why the upgrade did not happen. */
    public enum Reason {
        /** The server's greeting or capabilities do not offer STARTTLS. */
        NOT_OFFERED,
        /** The server offered STARTTLS and then answered the request with an error. */
        REFUSED,
        /** The server answered something the protocol does not allow (not that protocol, garbage, too long). */
        PROTOCOL
    }

    private final Reason reason;

    public StartTlsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
