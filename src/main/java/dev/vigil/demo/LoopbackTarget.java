package dev.vigil.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;

/**
 * An HTTPS endpoint on loopback with a throw-away self-signed certificate for {@code localhost}, answering every
 * request with {@code 200 up}: what {@code bin/vigil cache} probes to record the classes a probe loads, with no
 * network and nothing to set up.
 */
public final class LoopbackTarget implements AutoCloseable {
    private final Ingress ingress;
    private final String caPem;

    private LoopbackTarget(Ingress ingress, String caPem) {
        this.ingress = ingress;
        this.caPem = caPem;
    }

    /** Listens on the loopback address and a free port until closed. */
    public static LoopbackTarget start(Instant now) throws IOException, GeneralSecurityException {
        Credential credential = DemoCa.selfSigned("localhost", List.of("localhost"), now);
        Ingress ingress = Ingress.start(InetAddress.getLoopbackAddress(), credential);
        return new LoopbackTarget(ingress, Demo.pem(credential.certificate()));
    }

    /** {@code https://localhost:PORT/}: the name its certificate is for. */
    public URI url() {
        return URI.create("https://localhost:" + ingress.port() + "/");
    }

    /** The certificate in PEM, for {@code --ca-file}. */
    public String caPem() {
        return caPem;
    }

    @Override
    public void close() {
        ingress.close();
    }
}
