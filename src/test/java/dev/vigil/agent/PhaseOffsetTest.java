package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhaseOffsetTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theOffsetDependsOnTheNameAloneAndStaysInsideTheInterval() {
        assertEquals(PhaseOffset.of("payments-api", MINUTE), PhaseOffset.of("payments-api", MINUTE));
        for (int i = 0; i < 1_000; i++) {
            Duration offset = PhaseOffset.of("probe-" + i, MINUTE);
            assertTrue(!offset.isNegative() && offset.compareTo(MINUTE) < 0, offset.toString());
        }
    }

    @Test
    void tenThousandSimilarNamesSpreadEvenlyOverTheInterval() {
        int[] perSecond = new int[60];
        for (int i = 0; i < 10_000; i++) {
            perSecond[(int) PhaseOffset.of("api-" + i, MINUTE).toSeconds()]++;
        }
        // 10,000 over 60 seconds is about 167 a second; a fair hash stays well inside ±40 % in every second.
        for (int second = 0; second < 60; second++) {
            assertTrue(perSecond[second] > 100 && perSecond[second] < 234,
                    "second " + second + " got " + perSecond[second] + " probes");
        }
    }

    @Test
    void slotsSitAtTheOffsetPlusWholeIntervalsFromTheEpochWhateverTheStartTime() {
        Duration offset = Duration.ofMillis(12_345);
        Instant from = Instant.parse("2026-11-25T10:00:30.001Z");
        assertEquals(Instant.parse("2026-11-25T10:01:12.345Z"), PhaseOffset.firstSlot(from, MINUTE, offset));
        assertEquals(Instant.parse("2026-11-25T10:00:12.345Z"),
                PhaseOffset.firstSlot(Instant.parse("2026-11-25T10:00:12.345Z"), MINUTE, offset), "a slot exactly now is taken");
    }
}
