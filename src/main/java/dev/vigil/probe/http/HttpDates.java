package dev.vigil.probe.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * HTTP dates ({@code Last-Modified}) in the three forms RFC 9110 says a recipient accepts, as Go's
 * {@code http.ParseTime} (and so blackbox_exporter) reads them: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
 * RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
 */
final class HttpDates {
    private static final int MAX_LENGTH = 64;
    /**
     * Two-digit years as Go reads them: 69–99 are 19xx, 00–68 are 20xx. Names in US English, which HTTP dates are
     * written in (the root locale has no full day names to read {@code Sunday} with).
     */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1969)
            .appendPattern(" HH:mm:ss zzz")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
    private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850);

    private HttpDates() {
    }

    /** The instant {@code value} names, or null when it is absent or none of the three forms. */
    static Instant parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        String text = value.strip();
        for (DateTimeFormatter format : ZONED) {
            try {
                return ZonedDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException e) {
                // Not this form: try the next.
            }
        }
        try {
            return LocalDateTime.parse(text, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
