package dev.vigil.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as messages write them for a person: UTC to the minute, and how far from now. */
public final class Moments {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Moments() {
    }

    /**
     * UTC to the minute and how far from {@code now}, e.g. {@code 2026-12-02 14:00 UTC, in 31 h} or
     * {@code 2026-12-01 09:10 UTC, 3 h ago}.
     */
    public static String when(Instant at, Instant now) {
        Duration apart = Duration.between(now, at);
        String relative = apart.isNegative() ? Durations.nearestMinute(apart.negated()) + " ago"
                : "in " + Durations.nearestMinute(apart);
        return minute(at) + ", " + relative;
    }

    /** UTC to the minute: {@code 2026-12-02 14:00 UTC}. */
    public static String minute(Instant at) {
        return MINUTES.format(at);
    }
}
