package dev.vigil.lb;

import java.io.IOException;

/**
 * Finding a load balancer's addresses failed. The message names the source and what to fix, e.g.
 * {@code service ingress/traefik not found (404)}; it never holds a credential.
 */
public final class LbLookupException extends IOException {
    public LbLookupException(String message) {
        super(message);
    }

    public LbLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
