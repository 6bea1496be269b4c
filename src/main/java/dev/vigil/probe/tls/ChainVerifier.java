package dev.vigil.probe.tls;

import dev.vigil.probe.FailureKind;
import dev.vigil.time.Durations;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a chain captured without trust checks: validity dates against the injected clock, the path against a trust
 * manager, then the host name. Each failure gets its own kind so the message says what to fix.
 */
public final class ChainVerifier {
    private final X509TrustManager trust;
    private final String trustSource;
    private final Clock clock;

    /**
     * @param trust       the trust anchors to verify against
     * @param trustSource how to name them in a message, e.g. "the JDK trust store" or "ca.pem"
     */
    public ChainVerifier(X509TrustManager trust, String trustSource, Clock clock) {
        this.trust = trust;
        this.trustSource = trustSource;
        this.clock = clock;
    }

    public Verification verify(X509Certificate[] chain, String host) {
        if (chain.length == 0) {
            return Verification.failed(FailureKind.TLS_HANDSHAKE, host + " sent no certificate");
        }
        Instant now = clock.instant();
        for (X509Certificate cert : chain) {
            Instant notAfter = cert.getNotAfter().toInstant();
            Instant notBefore = cert.getNotBefore().toInstant();
            if (now.isAfter(notAfter)) {
                return Verification.failed(FailureKind.CERT_EXPIRED, "certificate " + name(cert) + " served for " + host
                        + " expired at " + notAfter.truncatedTo(ChronoUnit.SECONDS) + " (" + ago(notAfter, now) + " ago)");
            }
            if (now.isBefore(notBefore)) {
                return Verification.failed(FailureKind.CERT_NOT_YET_VALID, "certificate " + name(cert) + " served for "
                        + host + " is not valid until " + notBefore.truncatedTo(ChronoUnit.SECONDS)
                        + " (check the clock of this machine, or the issuer's)");
            }
        }
        X509Certificate leaf = chain[0];
        try {
            trust.checkServerTrusted(chain, authType(leaf));
        } catch (CertificateException | IllegalArgumentException e) {
            return Verification.failed(FailureKind.CERT_UNTRUSTED, untrustedMessage(chain, host, e));
        }
        var sans = CertificateFactsReader.subjectAltNames(leaf);
        if (!HostnameMatcher.matches(host, sans, commonName(leaf))) {
            return Verification.failed(FailureKind.CERT_HOSTNAME_MISMATCH, "certificate " + name(leaf) + " covers "
                    + (sans.isEmpty() ? "no subject alternative names" : String.join(", ", sans)) + ", not " + host);
        }
        return Verification.OK;
    }

    private String untrustedMessage(X509Certificate[] chain, String host, Exception e) {
        X509Certificate leaf = chain[0];
        if (chain.length == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return host + " serves a self-signed certificate " + name(leaf) + " that " + trustSource
                    + " does not trust (an ingress serving its built-in default certificate looks like this)";
        }
        X509Certificate top = chain[chain.length - 1];
        return "certificate chain served for " + host + " (leaf " + name(leaf) + ", top issuer "
                + top.getIssuerX500Principal().getName(X500Principal.RFC2253) + ") does not lead to a CA in "
                + trustSource + ": " + rootCause(e);
    }

    /** The key-exchange family for the trust manager's key-usage check, from the leaf's key. */
    private static String authType(X509Certificate leaf) {
        return switch (leaf.getPublicKey().getAlgorithm()) {
            case "EC" -> "ECDHE_ECDSA";
            case "RSA" -> "ECDHE_RSA";
            default -> "UNKNOWN";
        };
    }

    private static String name(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static String commonName(X509Certificate cert) {
        for (String part : name(cert).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }

    private static String ago(Instant then, Instant now) {
        return Durations.largestUnit(Duration.between(then, now));
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
