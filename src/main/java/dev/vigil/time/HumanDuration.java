package dev.vigil.time;

import java.util.ArrayList;
import java.util.List;

/**
 * Durations as a person reads them: days, hours, minutes and seconds, largest first, zero parts left out. For example
 * {@code 0s}, {@code 45s}, {@code 59m 12s}, {@code 1h}, {@code 1h 1s}, {@code 2d 3h}.
 */
public final class HumanDuration {
    private static final long[] UNIT_SECONDS = {86_400, 3_600, 60, 1};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s"};

    private HumanDuration() {
    }

    /** The duration of {@code seconds}, which must not be negative. */
    public static String format(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative duration: " + seconds + "s");
        }
        if (seconds == 0) {
            return "0s";
        }
        List<String> parts = new ArrayList<>();
        long left = seconds;
        for (int i = 0; i < UNIT_SECONDS.length; i++) {
            long count = left / UNIT_SECONDS[i];
            left %= UNIT_SECONDS[i];
            if (count > 0) {
                parts.add(count + UNIT_NAMES[i]);
            }
        }
        return String.join(" ", parts);
    }
}
