package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The ring of recent runs: counts per quarter-hour, the last 24 hours only, whatever order time moves in. */
class RecentRunsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void runsAreCountedInTheQuarterHourTheyStartedIn() {
        RecentRuns runs = new RecentRuns();
        runs.add(T0, true);
        runs.add(T0.plusSeconds(899), false);
        runs.add(T0.plusSeconds(900), true);

        RunBuckets seen = runs.snapshot(T0.plusSeconds(901));

        assertEquals(96, seen.size());
        assertEquals(T0.plusSeconds(900).minus(Duration.ofHours(24)).plusSeconds(900), seen.start());
        assertEquals(1, seen.up(94));
        assertEquals(1, seen.down(94));
        assertEquals(1, seen.up(95));
        assertEquals(2, seen.totalUp());
        assertEquals(1, seen.totalDown());
    }

    @Test
    void runsOlderThanADayLeaveTheRing() {
        RecentRuns runs = new RecentRuns();
        runs.add(T0, false);
        runs.add(T0.plus(Duration.ofHours(12)), true);

        assertEquals(1, runs.snapshot(T0.plus(Duration.ofHours(23))).totalDown());
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofHours(24))).totalDown(), "read a day later");
        assertEquals(1, runs.snapshot(T0.plus(Duration.ofHours(24))).totalUp());

        runs.add(T0.plus(Duration.ofHours(24)), true);
        assertEquals(2, runs.snapshot(T0.plus(Duration.ofHours(24))).totalUp());
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofHours(24))).totalDown(), "written over a day later");

        runs.add(T0.plus(Duration.ofDays(5)), false);
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofDays(5))).totalUp(), "after days without a run");
        assertEquals(1, runs.snapshot(T0.plus(Duration.ofDays(5))).totalDown());

        runs.add(T0, true);
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofDays(5))).totalUp(), "a run from before the window");
    }

    @Test
    void aSnapshotTakenBeforeTheNewestRunShowsOnlyWhatItsWindowHolds() {
        RecentRuns runs = new RecentRuns();
        runs.add(T0.plus(Duration.ofHours(30)), false);

        assertEquals(0, runs.snapshot(T0).totalDown(), "a clock that stepped back");
    }

    @Test
    void aBucketsCountsSaturateRatherThanWrap() {
        RecentRuns runs = new RecentRuns();
        for (int i = 0; i < 40_000; i++) {
            runs.add(T0, true);
        }

        assertEquals(0x7FFF, runs.snapshot(T0).up(95));
        assertEquals(0, runs.snapshot(T0).down(95));
    }

    @Test
    void theRingSavedAndRestoredCountsTheSame() {
        RecentRuns runs = new RecentRuns();
        for (Instant at = T0; at.isBefore(T0.plus(Duration.ofHours(30))); at = at.plusSeconds(30)) {
            runs.add(at, at.getEpochSecond() % 3600 != 0);
        }
        Instant now = T0.plus(Duration.ofHours(30));

        String saved = runs.saved();
        RunBuckets restored = RecentRuns.restore(saved).snapshot(now);

        RunBuckets before = runs.snapshot(now);
        for (int i = 0; i < RecentRuns.BUCKETS; i++) {
            assertEquals(before.up(i), restored.up(i), "up " + i);
            assertEquals(before.down(i), restored.down(i), "down " + i);
        }
        assertEquals(saved, RecentRuns.restore(saved).saved());
        assertTrue(before.totalDown() > 0 && before.totalUp() > 0, saved);
    }

    @Test
    void aSteadyDayIsSavedInAFewBytes() {
        RecentRuns runs = new RecentRuns();
        for (Instant at = T0; at.isBefore(T0.plus(Duration.ofHours(24))); at = at.plusSeconds(30)) {
            runs.add(at, true);
        }

        assertEquals((T0.getEpochSecond() / 900 + 95) + ":96*30/0", runs.saved());
        assertNull(new RecentRuns().saved());
    }

    @Test
    void textItCannotHaveWrittenRestoresAnEmptyRing() {
        String[] bad = {"", "12", "12:", "x:96*1/0", "12:95*1/0", "12:97*1/0", "12:96*1/0,1/0", "12:0*1/0,96*1/0",
                "12:96*40000/0", "12:96*1/-1", "12:96*1", "-9223372036854775808:96*1/0"};
        for (String text : bad) {
            RecentRuns restored = RecentRuns.restore(text);
            assertNull(restored.saved(), text);
            assertEquals(0, restored.snapshot(T0).totalUp(), text);
        }
    }
}
