package dev.vigil.cert;

import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.TlsFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Handshake facts for certificate tests, without a network: a leaf and its issuer as a server would send them. */
final class Handshakes {
    static final String LETS_ENCRYPT = "CN=R11,O=Let's Encrypt,C=US";
    static final List<String> NAMES = List.of("api.example.com", "www.example.com");

    private Handshakes() {
    }

    /** A verified chain whose leaf has {@code serial}, {@link #NAMES}, and a 90-day life starting {@code notBefore}. */
    static TlsFacts letsEncrypt(String serial, Instant notBefore) {
        return tls(serial, LETS_ENCRYPT, NAMES, notBefore, notBefore.plus(Duration.ofDays(90)), true);
    }

    /** An unverified self-signed certificate, as an ingress serves by default, for {@code names}. */
    static TlsFacts selfSigned(String serial, List<String> names, Instant notBefore) {
        String dn = "CN=TRAEFIK DEFAULT CERT";
        CertificateFacts leaf = new CertificateFacts(dn, dn, serial, names, notBefore,
                notBefore.plus(Duration.ofDays(365)), "sha256-of-" + serial, "RSA", 2048);
        return new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", false, "self-signed", List.of(leaf));
    }

    static TlsFacts tls(String serial, String issuer, List<String> names, Instant notBefore, Instant notAfter,
            boolean verified) {
        CertificateFacts leaf = new CertificateFacts("CN=" + names.getFirst(), issuer, serial, names, notBefore,
                notAfter, "sha256-of-" + serial, "EC", 256);
        CertificateFacts intermediate = new CertificateFacts(issuer, "CN=ISRG Root X1,O=Internet Security Research Group,C=US",
                "0a", List.of(), notBefore.minus(Duration.ofDays(400)), notAfter.plus(Duration.ofDays(400)), "sha256-of-ca",
                "RSA", 2048);
        return new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", verified, verified ? null : "untrusted",
                List.of(leaf, intermediate));
    }
}
