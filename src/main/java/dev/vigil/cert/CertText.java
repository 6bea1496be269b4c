package dev.vigil.cert;

import java.time.Duration;
import java.util.List;

/** Wording shared by the certificate messages: spans of time, counts and names, as an operator reads them. */
final class CertText {
    private CertText() {
    }

    /** A non-negative span in its largest whole unit, e.g. {@code 62 days}, {@code 1 hour}, {@code 5 minutes}. */
    static String span(Duration d) {
        if (d.toDays() > 0) {
            return count(d.toDays(), "day");
        }
        if (d.toHours() > 0) {
            return count(d.toHours(), "hour");
        }
        return d.toMinutes() > 0 ? count(d.toMinutes(), "minute") : "less than a minute";
    }

    /** A policy's period as its operators know it from CA error messages, e.g. {@code 168 h} or {@code 202 min}. */
    static String period(Duration d) {
        if (d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        return d.equals(Duration.ofMinutes(d.toMinutes())) ? d.toMinutes() + " min" : d.toSeconds() + " s";
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
}
