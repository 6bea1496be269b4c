package dev.vigil.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} (24 hours each) or combined,
 * e.g. {@code 1h30m}.
 */
public final class Durations {
    // "ms" must come before "m"; nine digits per part cannot overflow a Duration.
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + ")+");

    private Durations() {
    }

    /** Parses a positive duration; throws {@link IllegalArgumentException} with a message quoting {@code text}. */
    public static Duration parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            String problem = text.startsWith("-") ? "must be positive" : "is not a duration";
            throw new IllegalArgumentException("'" + text + "' " + problem + "; write e.g. 500ms, 30s, 5m, 1h30m or 7d");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' must be positive");
        }
        return total;
    }

    /** The shortest form {@link #parse} reads back with hours as the largest unit, e.g. {@code 1h30m} or {@code 48h}. */
    public static String format(Duration d) {
        StringBuilder out = new StringBuilder();
        append(out, d.toHours(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        append(out, d.toMillisPart(), "ms");
        return out.isEmpty() ? "0s" : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }
}
