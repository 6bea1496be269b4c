package dev.vigil.cert.ct;

import java.io.IOException;

/**
 * A Certificate Transparency lookup that gave no usable answer: crt.sh unreachable, too slow, answering an error
 * status, or answering something that is not its JSON array. The message names the query and the reason, e.g.
 * {@code crt.sh answered 502 Bad Gateway for q=api.example.com}.
 */
final class CtQueryException extends IOException {
    public CtQueryException(String message) {
        super(message);
    }

    public CtQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
