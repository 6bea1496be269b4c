package dev.vigil.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one home for reading and writing durations. Config and flags write them as {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 7d} (24 hours each) or combined, e.g. {@code 1h30m}; {@link #parse} reads that and
 * {@link #format} writes it back.
 *
 * <p>Messages use three more styles, each pinned by the tests of the messages that use it, so each has its own
 * method here rather than a copy beside its message: {@link #human} for how long something lasts in a diagnosis or
 * an alert ({@code 47m 3s}), {@link #largestUnit} for certificate lifetimes ({@code 62 days}), and {@link #period}
 * for a CA's rate-limit windows ({@code 168 h}).
 */
public final class Durations {
    // "ms" must come before "m"; nine digits per part cannot overflow a Duration.
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + ")+");
    private static final long[] HUMAN_UNIT_SECONDS = {86_400, 3_600, 60, 1};
    private static final String[] HUMAN_UNIT_NAMES = {"d", "h", "m", "s"};

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

    /**
     * The shortest form {@link #parse} reads back with hours as the largest unit, e.g. {@code 1h30m}, {@code 48h} or
     * {@code 300ms}: how a timeout or interval appears in a message, as the operator would write it in the config.
     */
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

    /**
     * {@code seconds}, which must not be negative, as a person reads them: days, hours, minutes and seconds, largest
     * first, zero parts left out, e.g. {@code 0s}, {@code 45s}, {@code 59m 12s}, {@code 1h 1s}, {@code 2d 3h}.
     */
    public static String human(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative duration: " + seconds + "s");
        }
        if (seconds == 0) {
            return "0s";
        }
        List<String> parts = new ArrayList<>();
        long left = seconds;
        for (int i = 0; i < HUMAN_UNIT_SECONDS.length; i++) {
            long count = left / HUMAN_UNIT_SECONDS[i];
            left %= HUMAN_UNIT_SECONDS[i];
            if (count > 0) {
                parts.add(count + HUMAN_UNIT_NAMES[i]);
            }
        }
        return String.join(" ", parts);
    }

    /**
     * A non-negative span in its largest whole unit, in words, e.g. {@code 62 days}, {@code 1 hour},
     * {@code 5 minutes} or {@code less than a minute}: a certificate's lifetime is told in days, not to the second.
     */
    public static String largestUnit(Duration d) {
        if (d.toDays() > 0) {
            return count(d.toDays(), "day");
        }
        if (d.toHours() > 0) {
            return count(d.toHours(), "hour");
        }
        return d.toMinutes() > 0 ? count(d.toMinutes(), "minute") : "less than a minute";
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /**
     * A CA rate-limit policy's window or refill period as its operators know it from CA error messages, e.g.
     * {@code 168 h} or {@code 202 min}, else in seconds.
     */
    public static String period(Duration d) {
        if (d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        return d.equals(Duration.ofMinutes(d.toMinutes())) ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /**
     * A span as a cause sentence writes it (a certificate churn, when a limit refills), to the nearest minute and at
     * most two units: {@code 2 h 10 m}, {@code 31 h}, {@code 3 d 4 h}, {@code 5 m}, {@code less than a minute}. Hours
     * up to 48 h, as a limit's refill is read.
     */
    public static String nearestMinute(Duration d) {
        // To the nearest minute: a refill due at T is "in 31 h" a few seconds after T - 31 h, not "in 30 h 59 m".
        long minutes = d.plusSeconds(30).toMinutes();
        if (minutes < 1) {
            return "less than a minute";
        }
        long hours = minutes / 60;
        if (hours >= 48) {
            return join(hours / 24, "d", hours % 24, "h");
        }
        return hours == 0 ? minutes + " m" : join(hours, "h", minutes % 60, "m");
    }

    private static String join(long big, String bigUnit, long small, String smallUnit) {
        return big + " " + bigUnit + (small == 0 ? "" : " " + small + " " + smallUnit);
    }
}
