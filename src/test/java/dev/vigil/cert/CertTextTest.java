package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times and spans as cause sentences write them. */
class CertTextTest {
    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT0S, less than a minute", "PT29S, less than a minute", "PT5M, 5 m", "PT2H10M, 2 h 10 m",
            "PT31H, 31 h", "PT30H59M45S, 31 h", "PT47H59M, 47 h 59 m", "PT76H, 3 d 4 h", "PT72H, 3 d"})
    void aSpanIsToTheNearestMinuteInAtMostTwoUnits(Duration span, String text) {
        assertEquals(text, CertText.span(span));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-02T14:00:00Z | 2026-12-02 14:00 UTC, in 31 h",
            "2026-12-01T04:00:00Z | 2026-12-01 04:00 UTC, 3 h ago"})
    void aTimeIsUtcToTheMinuteWithHowFarFromNow(Instant at, String text) {
        assertEquals(text, CertText.when(at, NOW));
    }
}
