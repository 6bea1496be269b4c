package dev.vigil.probe.tls;

import dev.vigil.probe.TlsFacts;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/** Builds {@link TlsFacts} from a finished handshake and the verdict on its chain. */
public final class HandshakeFacts {
    private HandshakeFacts() {
    }

    /**
     * @param insecure an insecure probe never reports {@code verified: true}; its error says what a check found
     */
    public static TlsFacts of(String protocol, String cipher, Certificate[] chain, Verification verification, boolean insecure) {
        boolean verified = verification.verified() && !insecure;
        String error = verification.verified()
                ? (insecure ? "not checked in insecure mode (the chain would have verified)" : null)
                : verification.error();
        return new TlsFacts(TlsNames.version(protocol), cipher, verified, error, CertificateFactsReader.read(chain));
    }

    /** The X.509 certificates of a peer chain as sent. */
    public static X509Certificate[] x509(Certificate[] chain) {
        return Arrays.stream(chain).filter(X509Certificate.class::isInstance).toArray(X509Certificate[]::new);
    }
}
