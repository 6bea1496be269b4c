package dev.vigil.output.pushgateway;

import java.io.IOException;

/**
 * A push or delete that the Pushgateway did not accept: unreachable, too slow, or answering an error status. The
 * message names the Pushgateway's URL and the reason, e.g. {@code Pushgateway at http://pushgateway:9091 rejected the
 * push (400): pushed metrics must not have timestamps}; it never holds the {@code Authorization} value.
 */
final class PushException extends IOException {
    public PushException(String message) {
        super(message);
    }

    public PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
