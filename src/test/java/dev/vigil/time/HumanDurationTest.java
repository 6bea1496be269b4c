package dev.vigil.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
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
    void largestUnitFirstWithoutZeroParts(long seconds, String expected) {
        assertEquals(expected, HumanDuration.format(seconds));
    }

    @Test
    void refusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> HumanDuration.format(-1));
    }
}
