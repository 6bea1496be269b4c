package dev.vigil.agent;

import static dev.vigil.agent.Probes.every;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ProbeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00.000Z");
    private static final Duration TICK = Duration.ofMillis(10);

    /** Steps time from {@code from} to {@code until} in small ticks and counts each probe's runs. */
    private static Map<String, Integer> runsBetween(Schedule schedule, Instant from, Instant until) {
        Map<String, Integer> runs = new HashMap<>();
        for (Instant now = from; now.isBefore(until); now = now.plus(TICK)) {
            for (DueRun due : schedule.takeDue(now)) {
                runs.merge(due.probe().name(), 1, Integer::sum);
                assertEquals(0, due.missed());
                assertFalse(due.dueAt().isAfter(now));
                assertTrue(Duration.between(due.dueAt(), now).compareTo(TICK) < 0, "taken within one tick of its slot");
            }
        }
        return runs;
    }

    @Test
    void everyProbeRunsOncePerIntervalAtItsOwnPhase() {
        Schedule schedule = new Schedule();
        schedule.apply(List.of(every("a", Duration.ofSeconds(30)), every("b", Duration.ofMinutes(1)),
                every("c", Duration.ofMillis(500))), START);

        Map<String, Integer> runs = runsBetween(schedule, START, START.plus(Duration.ofMinutes(10)));

        assertEquals(Map.of("a", 20, "b", 10, "c", 1_200), runs);
    }

    @Test
    void slotsFollowThePhaseOffsetOfTheName() {
        Schedule schedule = new Schedule();
        ProbeConfig probe = every("payments-api", Duration.ofMinutes(1));
        schedule.apply(List.of(probe), START);
        Instant expected = PhaseOffset.firstSlot(START, probe.interval(), PhaseOffset.of("payments-api", probe.interval()));

        assertEquals(expected, schedule.nextDue().orElseThrow());
        assertEquals(List.of(), schedule.takeDue(expected.minusMillis(1)));
        List<DueRun> due = schedule.takeDue(expected);
        assertEquals(1, due.size());
        assertEquals(expected, due.getFirst().dueAt());
        assertEquals(expected.plus(probe.interval()), schedule.nextDue().orElseThrow());
    }

    @Test
    void aSchedulerHeldUpPastSeveralSlotsRunsOnceForTheLatestAndCountsTheMissed() {
        Schedule schedule = new Schedule();
        schedule.apply(List.of(every("a", Duration.ofSeconds(10))), START);
        Instant first = schedule.nextDue().orElseThrow();

        List<DueRun> due = schedule.takeDue(first.plusSeconds(35));

        assertEquals(1, due.size());
        assertEquals(first.plusSeconds(30), due.getFirst().dueAt());
        assertEquals(3, due.getFirst().missed());
        assertEquals(first.plusSeconds(40), schedule.nextDue().orElseThrow());
    }

    @Test
    void aReloadKeepsUnchangedProbesAndRestartsChangedOnes() {
        Schedule schedule = new Schedule();
        schedule.apply(List.of(every("same", Duration.ofSeconds(30)), every("changed", Duration.ofSeconds(30)),
                every("gone", Duration.ofSeconds(30))), START);
        runsBetween(schedule, START, START.plusSeconds(45));
        ScheduledProbe same = schedule.get("same").orElseThrow();
        ScheduledProbe changed = schedule.get("changed").orElseThrow();
        ScheduledProbe gone = schedule.get("gone").orElseThrow();
        Instant sameNext = same.nextDue();
        same.health(new ProbeHealth(false, START, 2));

        Reconciliation result = schedule.apply(List.of(every("same", Duration.ofSeconds(30)),
                every("changed", Duration.ofSeconds(10)), every("new", Duration.ofSeconds(30))), START.plusSeconds(45));

        assertEquals(new Reconciliation(List.of("new"), List.of("changed"), List.of("gone"), 1), result);
        assertSame(same, schedule.get("same").orElseThrow(), "an unchanged probe keeps its entry");
        assertEquals(sameNext, same.nextDue(), "and its schedule");
        assertEquals(new ProbeHealth(false, START, 2), same.health(), "and its history");
        assertTrue(schedule.isCurrent(same));
        assertFalse(schedule.isCurrent(changed), "a run of the old config of a changed probe is stale");
        assertFalse(schedule.isCurrent(gone));
        assertSame(changed.running, schedule.get("changed").orElseThrow().running,
                "old and new config of one probe share the in-flight flag, so they never overlap");
        assertEquals(ProbeHealth.UNKNOWN, schedule.get("changed").orElseThrow().health());
        assertEquals(3, schedule.size());
    }
}
