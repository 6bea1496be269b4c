package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.net.BodyBudget;
import dev.vigil.testing.FakeClock;
import dev.vigil.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    private static final long FREE = BodyBudget.FREE_PER_RUN;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final BodyBudget budget = new BodyBudget(100);
    private final Deadline deadline = Deadline.after(clock, Duration.ofSeconds(5));

    @Test
    void eachRunsFirstBytesAreFree() {
        var a = budget.claim(deadline);
        var b = budget.claim(deadline);
        assertTrue(a.tryGrow(FREE));
        assertTrue(b.tryGrow(FREE));
        assertEquals(0, budget.used());
    }

    @Test
    void bytesBeyondThemAreDrawnUntilTheBudgetIsSpent() {
        var a = budget.claim(deadline);
        var b = budget.claim(deadline);
        assertTrue(a.tryGrow(FREE + 60));
        assertTrue(b.tryGrow(FREE + 40));
        assertEquals(100, budget.used());
        assertFalse(a.tryGrow(1), "the budget is spent");
        assertEquals(100, budget.used(), "a refused request draws nothing");
    }

    @Test
    void closingARunReturnsWhatItDrewOnce() {
        var a = budget.claim(deadline);
        var b = budget.claim(deadline);
        assertTrue(a.tryGrow(FREE + 100));
        assertFalse(b.tryGrow(FREE + 1));
        a.close();
        a.close();
        assertEquals(0, budget.used());
        assertTrue(b.tryGrow(FREE + 1));
        assertFalse(a.tryGrow(1), "a closed run gets nothing");
    }

    @Test
    void aRunWithNoTimeLeftFailsAndItsNoteNamesTheBudget() throws Exception {
        var hog = budget.claim(deadline);
        assertTrue(hog.tryGrow(FREE + 100));
        var late = budget.claim(deadline);
        late.grow(FREE);
        assertEquals("", late.waitNote(), "it never waited");
        clock.advance(Duration.ofSeconds(5));
        assertThrows(BodyBudget.Exhausted.class, () -> late.grow(1));
        assertEquals("; after 64 KiB it waited 0 ms for room in the 100 bytes body budget that all probes share, which"
                + " other probes' large bodies held (probe a lighter endpoint or lower maxBodySize)", late.waitNote());
    }
}
