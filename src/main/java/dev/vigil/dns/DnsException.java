package dev.vigil.dns;

import java.io.IOException;

/**
 * A DNS query that got no usable answer: no answer in time, a connection refused, or a reply that is not a valid
 * answer to the question. The message names the server and the question.
 */
public final class DnsException extends IOException {
    public DnsException(String message) {
        super(message);
    }

    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
