package dev.vigil.cert;

import dev.vigil.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to warn that a certificate expires: once per threshold crossed, and once for all thresholds crossed together,
 * so a certificate first seen 5 days before expiry is reported at 7 days, not at 30, 14 and 7.
 */
final class ExpiryWarnings {
    private ExpiryWarnings() {
    }

    /**
     * The warning due {@code now} for {@code current}: at the smallest threshold, in days, with no more time left than
     * it, if that is smaller than {@code alreadyWarned} (null when none was reported for this certificate).
     */
    public static Optional<ExpiryWarning> due(List<Integer> thresholdsDays, Observation current, Integer alreadyWarned,
            Instant now) {
        Duration left = Duration.between(now, current.notAfter());
        return thresholdsDays.stream()
                .filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                .min(Integer::compare)
                .filter(days -> alreadyWarned == null || days < alreadyWarned)
                .map(days -> warning(thresholdsDays, days, current, left));
    }

    private static ExpiryWarning warning(List<Integer> thresholdsDays, int days, Observation current, Duration left) {
        boolean expired = left.isNegative() || left.isZero();
        boolean last = days == thresholdsDays.stream().mapToInt(Integer::intValue).min().orElseThrow();
        String certificate = "certificate for " + CertText.names(current);
        String message = expired
                ? certificate + " expired " + Durations.largestUnit(left.negated()) + " ago (" + current.notAfter() + ")"
                : certificate + " expires in " + Durations.largestUnit(left) + " (" + current.notAfter() + "), within the "
                        + days + "-day warning";
        return new ExpiryWarning(days, expired || last ? Severity.CRITICAL : Severity.WARNING, message);
    }
}
