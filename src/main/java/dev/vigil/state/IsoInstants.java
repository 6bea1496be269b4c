package dev.vigil.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Parses instants in the form {@link Instant#toString()} writes, {@code 2026-11-25T03:16:00.123456Z}, without the
 * general-purpose {@link java.time.format.DateTimeFormatter}: a state file holds hundreds of thousands of instants,
 * and in a JVM not yet warmed up the formatter takes seconds over them.
 */
final class IsoInstants {
    private static final int SECONDS_ONLY = "2026-11-25T03:16:00Z".length();
    private static final int MOST_FRACTION_DIGITS = 9;

    private IsoInstants() {
    }

    /** The instant {@code text} names, as {@link Instant#parse} reads it, which it is left to outside that form. */
    static Instant parse(String text) {
        int length = text.length();
        int fractionDigits = length == SECONDS_ONLY ? 0 : length - SECONDS_ONLY - 1;
        if (fractionDigits < 0 || fractionDigits > MOST_FRACTION_DIGITS || length == SECONDS_ONLY + 1
                || !hasSeparators(text)) {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int fraction = number(text, SECONDS_ONLY, SECONDS_ONLY + fractionDigits);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return Instant.parse(text);
        }
        int nanos = fraction;
        for (int digit = fractionDigits; digit < MOST_FRACTION_DIGITS; digit++) {
            nanos *= 10;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static boolean hasSeparators(String text) {
        int length = text.length();
        return text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && text.charAt(length - 1) == 'Z'
                && (length == SECONDS_ONLY || text.charAt(SECONDS_ONLY - 1) == '.');
    }

    /** The decimal number the ASCII digits {@code text[from, to)} spell; -1 when one is not such a digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + digit - '0';
        }
        return value;
    }
}
