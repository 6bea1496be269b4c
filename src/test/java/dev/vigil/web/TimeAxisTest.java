package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Round ticks at most five, dated legibly, and positions in percent of the width. */
class TimeAxisTest {
    private static final Instant T = Instant.parse("2026-12-02T10:43:00Z");

    @ParameterizedTest(name = "{0} wide: a tick every {1}, labelled {2}")
    @CsvSource(delimiter = ';', value = {
            "PT3H;    PT1H;   Dec 2 11:00|12:00|13:00",
            "PT168H;  P2D;    Dec 3|Dec 5|Dec 7|Dec 9",
            "PT20M;   PT5M;   Dec 2 10:45|10:50|10:55|11:00",
            "PT24H;   PT6H;   Dec 2 12:00|18:00|Dec 3 00:00|06:00",
            "P455D;   P180D;  Mar 3|Aug 30|Feb 26",
            // A self-signed certificate valid for 8,000 years: still at most five ticks.
            "P2920000D; P584365D; Dec 9 3569|Nov 16 5169|Oct 24 6769|Oct 1 8369|Sep 8 9969",
    })
    void ticksAreRoundAndAtMostFive(Duration span, Duration step, String labels) {
        TimeAxis axis = new TimeAxis(T, T.plus(span));

        assertEquals(step, axis.step());
        assertEquals(List.of(labels.split("\\|")), axis.ticks().stream().map(TimeAxis.Tick::label).toList());
        assertTrue(axis.ticks().size() <= TimeAxis.MAX_TICKS);
    }

    @Test
    void positionsAreInPercentClampedToTheAxis() {
        TimeAxis axis = new TimeAxis(T, T.plus(Duration.ofHours(4)));

        assertEquals("25.00%", axis.x(T.plus(Duration.ofHours(1))));
        assertEquals("0.00%", axis.x(T.minus(Duration.ofDays(1))));
        assertEquals("100.00%", axis.x(T.plus(Duration.ofDays(1))));
        assertEquals(new TimeAxis(T, T.plusSeconds(1)), TimeAxis.over(T, T));
        assertThrows(IllegalArgumentException.class, () -> new TimeAxis(T, T));
    }
}
