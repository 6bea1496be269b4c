package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times as cause sentences write them. */
class MomentsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-02T14:00:00Z | 2026-12-02 14:00 UTC, in 31 h",
            "2026-12-01T04:00:00Z | 2026-12-01 04:00 UTC, 3 h ago"})
    void aTimeIsUtcToTheMinuteWithHowFarFromNow(Instant at, String text) {
        assertEquals(text, Moments.when(at, NOW));
    }
}
