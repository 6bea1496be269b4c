package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.text.ByteSizes;
import dev.vigil.time.Durations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Duration and size spellings, and the typo distance behind "did you mean". */
class ValueSyntaxTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "1h30m, 5400000", "1m500ms, 60500"})
    void parsesDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
        assertEquals(text, Durations.format(Durations.parse(text)));
    }

    @ParameterizedTest
    @CsvSource({"1d, 24h", "30d, 720h", "1d12h, 36h", "0d90m, 1h30m"})
    void readsDaysAs24HoursAndFormatsThemAsHours(String text, String formatted) {
        assertEquals(Durations.parse(formatted), Durations.parse(text));
        assertEquals(formatted, Durations.format(Durations.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "1.5s", "30 s", "1D", "1.5d", "-5s", "0ms", "0h0m", "0d"})
    void rejectsBadDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"512B, 512", "64KiB, 65536", "1MiB, 1048576", "2GiB, 2147483648"})
    void parsesSizes(String text, long bytes) {
        assertEquals(bytes, ByteSizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0B", "1MB", "64kib", "1.5MiB", "1024", "MiB"})
    void rejectsBadSizes(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"timeout, timeout, 0", "timeot, timeout, 1", "intervall, interval, 1", "warnday, warnDays, 2", "colour, url, 5"})
    void measuresTypoDistance(String a, String b, int distance) {
        assertEquals(distance, Keys.distance(a, b));
    }
}
