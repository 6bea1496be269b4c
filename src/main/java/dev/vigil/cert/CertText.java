package dev.vigil.cert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Wording shared by the certificate messages: counts and names, as an operator reads them. */
final class CertText {

    private CertText() {
    }

    /** {@code 1 certificate}, {@code 3 certificates}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** What a certificate is for: its first name, how many more it has, or its subject when it names no host. */
    static String names(Observation cert) {
        List<String> sans = cert.sans();
        if (sans.isEmpty()) {
            return cert.subject();
        }
        return sans.size() == 1 ? sans.getFirst()
                : sans.getFirst() + " and " + count(sans.size() - 1L, "other name");
    }

    /** An instant as messages write it: UTC, whole seconds. */
    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

}
