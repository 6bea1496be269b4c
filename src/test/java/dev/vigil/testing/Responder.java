package dev.vigil.testing;

import java.io.IOException;

/** How a {@link TlsTestServer} answers each request; {@link Responders} has ready-made ones. */
@FunctionalInterface
public interface Responder {
    /**
     * Answers one request, flushing what it writes.
     *
     * @return whether the connection may carry another request; the server also closes it when the client asked
     */
    boolean respond(ReceivedRequest request, Exchange exchange) throws IOException, InterruptedException;
}
