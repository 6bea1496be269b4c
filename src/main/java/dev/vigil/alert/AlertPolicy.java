package dev.vigil.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When alerts fire, resolve and remind.
 *
 * @param failureThreshold consecutive failing runs before an alert fires
 * @param successThreshold consecutive passing runs before a firing alert resolves
 * @param repeatInterval   a reminder while an alert keeps firing this long; zero for none
 * @param minInterval      the least time between two firing messages of one alert, so a flapping probe stays quiet
 * @param renewals         also tell certificate renewals (info), which are expected and off by default
 */
public record AlertPolicy(int failureThreshold, int successThreshold, Duration repeatInterval, Duration minInterval,
        boolean renewals) {
    public static final AlertPolicy DEFAULT = new AlertPolicy(2, 1, Duration.ofHours(4), Duration.ofMinutes(5), false);

    public AlertPolicy {
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        Objects.requireNonNull(minInterval, "minInterval");
        if (failureThreshold < 1 || successThreshold < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        if (repeatInterval.isNegative() || minInterval.isNegative()) {
            throw new IllegalArgumentException("intervals must not be negative");
        }
    }
}
