package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message styles of durations; the config spelling is tested in {@code config.ValueSyntaxTest}. */
class DurationsTest {
    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            "0,      0s",
            "45,     45s",
            "59,     59s",
            "60,     1m",
            "2823,   47m 3s",
            "3552,   59m 12s",
            "3600,   1h",
            "3601,   1h 1s",
            "3660,   1h 1m",
            "86400,  1d",
            "90061,  1d 1h 1m 1s",
    })
    void humanHasLargestUnitFirstWithoutZeroParts(long seconds, String expected) {
        assertEquals(expected, Durations.human(seconds));
    }

    @Test
    void humanRefusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> Durations.human(-1));
    }

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            "0,        less than a minute",
            "59,       less than a minute",
            "60,       1 minute",
            "3599,     59 minutes",
            "3600,     1 hour",
            "86399,    23 hours",
            "86400,    1 day",
            "5356800,  62 days",
    })
    void largestUnitSaysOneWholeUnitInWords(long seconds, String expected) {
        assertEquals(expected, Durations.largestUnit(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            "604800,  168 h",
            "3600,    1 h",
            "12120,   202 min",
            "90,      90 s",
    })
    void periodSaysHoursElseMinutesElseSeconds(long seconds, String expected) {
        assertEquals(expected, Durations.period(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest(name = "{0}ms -> {1}")
    @CsvSource({"300, 300ms", "2000, 2s", "2500, 2s500ms", "90000, 1m30s", "172800000, 48h"})
    void formatIsTheConfigSpelling(long millis, String expected) {
        assertEquals(expected, Durations.format(Duration.ofMillis(millis)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT0S, less than a minute", "PT29S, less than a minute", "PT5M, 5 m", "PT2H10M, 2 h 10 m",
            "PT31H, 31 h", "PT30H59M45S, 31 h", "PT47H59M, 47 h 59 m", "PT76H, 3 d 4 h", "PT72H, 3 d"})
    void aSpanIsToTheNearestMinuteInAtMostTwoUnits(Duration span, String text) {
        assertEquals(text, Durations.nearestMinute(span));
    }
}
