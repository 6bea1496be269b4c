package dev.vigil.cert;

import dev.vigil.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Wording shared by the certificate messages: counts and names, as an operator reads them. */
final class CertText {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

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

    /**
     * An instant as a cause sentence writes it for a person: UTC to the minute and how far from {@code now}, e.g.
     * {@code 2026-12-02 14:00 UTC, in 31 h} or {@code 2026-12-01 09:10 UTC, 3 h ago}.
     */
    static String when(Instant at, Instant now) {
        Duration apart = Duration.between(now, at);
        String relative = apart.isNegative() ? Durations.nearestMinute(apart.negated()) + " ago" : "in " + Durations.nearestMinute(apart);
        return minute(at) + ", " + relative;
    }

    /** An instant to the minute, UTC: {@code 2026-12-02 14:00 UTC}. */
    static String minute(Instant at) {
        return MINUTES.format(at);
    }
}
