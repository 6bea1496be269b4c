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
    private static final Duration TOOK = Duration.ofMillis(87);

    @Test
    void runsAreCountedInTheQuarterHourTheyStartedIn() {
        RecentRuns runs = new RecentRuns();
        runs.add(T0, true, TOOK);
        runs.add(T0.plusSeconds(899), false, TOOK);
        runs.add(T0.plusSeconds(900), true, TOOK);

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
        runs.add(T0, false, TOOK);
        runs.add(T0.plus(Duration.ofHours(12)), true, TOOK);

        assertEquals(1, runs.snapshot(T0.plus(Duration.ofHours(23))).totalDown());
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofHours(24))).totalDown(), "read a day later");
        assertEquals(1, runs.snapshot(T0.plus(Duration.ofHours(24))).totalUp());

        runs.add(T0.plus(Duration.ofHours(24)), true, TOOK);
        assertEquals(2, runs.snapshot(T0.plus(Duration.ofHours(24))).totalUp());
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofHours(24))).totalDown(), "written over a day later");

        runs.add(T0.plus(Duration.ofDays(5)), false, TOOK);
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofDays(5))).totalUp(), "after days without a run");
        assertEquals(1, runs.snapshot(T0.plus(Duration.ofDays(5))).totalDown());

        runs.add(T0, true, TOOK);
        assertEquals(0, runs.snapshot(T0.plus(Duration.ofDays(5))).totalUp(), "a run from before the window");
    }

    @Test
    void aSnapshotTakenBeforeTheNewestRunShowsOnlyWhatItsWindowHolds() {
        RecentRuns runs = new RecentRuns();
        runs.add(T0.plus(Duration.ofHours(30)), false, TOOK);

        assertEquals(0, runs.snapshot(T0).totalDown(), "a clock that stepped back");
    }

    @Test
    void aBucketsCountsSaturateRatherThanWrap() {
        RecentRuns runs = new RecentRuns();
        for (int i = 0; i < 40_000; i++) {
            runs.add(T0, true, TOOK);
        }

        assertEquals(0x7FFF, runs.snapshot(T0).up(95));
        assertEquals(0, runs.snapshot(T0).down(95));
    }

    @Test
    void theRingSavedAndRestoredCountsTheSame() {
        RecentRuns runs = new RecentRuns();
        for (Instant at = T0; at.isBefore(T0.plus(Duration.ofHours(30))); at = at.plusSeconds(30)) {
            runs.add(at, at.getEpochSecond() % 3600 != 0, TOOK);
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
            runs.add(at, true, TOOK);
        }

        assertEquals((T0.getEpochSecond() / 900 + 95) + ":96*30/0;96*88", runs.saved());
        assertNull(new RecentRuns().saved());
    }

    @Test
    void eachQuarterHourKeepsTheMeanResponseTimeOfItsRuns() {
        RecentRuns runs = new RecentRuns();
        runs.add(T0, true, Duration.ofMillis(10));
        runs.add(T0.plusSeconds(60), false, Duration.ofMillis(40));
        runs.add(T0.plusSeconds(120), true, Duration.ofMillis(100));
        runs.add(T0.plusSeconds(900), true, Duration.ofMinutes(5));
        runs.add(T0.plusSeconds(1800), true, Duration.ZERO);

        RunBuckets seen = runs.snapshot(T0.plusSeconds(1800));

        assertEquals(50, seen.meanMillis(93), "(10 + 40 + 100) / 3");
        assertEquals(RecentRuns.MAX_MILLIS, seen.meanMillis(94), "capped");
        assertEquals(0, seen.meanMillis(95), "a sub-millisecond run is known, not missing");
        assertEquals(-1, seen.meanMillis(92), "no run");
    }

    @Test
    void aRingAnEarlierVersionSavedKeepsItsCountsWithoutResponseTimes() {
        long newest = T0.getEpochSecond() / 900;
        RecentRuns restored = RecentRuns.restore(newest + ":95*0/0,3/1");

        RunBuckets seen = restored.snapshot(T0);
        assertEquals(3, seen.up(95));
        assertEquals(1, seen.down(95));
        assertEquals(-1, seen.meanMillis(95));

        restored.add(T0, true, Duration.ofMillis(20));
        assertEquals(20, restored.snapshot(T0).meanMillis(95), "the first known time, not averaged with an unknown");
    }

    @Test
    void textItCannotHaveWrittenRestoresAnEmptyRing() {
        String[] bad = {"", "12", "12:", "x:96*1/0", "12:95*1/0", "12:97*1/0", "12:96*1/0,1/0", "12:0*1/0,96*1/0",
                "12:96*40000/0", "12:96*1/-1", "12:96*1", "-9223372036854775808:96*1/0", "12:96*1/0;", "12:96*1/0;95*3",
                "12:96*1/0;96*65536", "12:96*1/0;96*-1", "12:96*1/0;96*x", "12:96*1/0;96*3;1"};
        for (String text : bad) {
            RecentRuns restored = RecentRuns.restore(text);
            assertNull(restored.saved(), text);
            assertEquals(0, restored.snapshot(T0).totalUp(), text);
        }
    }
}
