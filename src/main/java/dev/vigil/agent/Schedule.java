package dev.vigil.agent;

import dev.vigil.config.ProbeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The set of scheduled probes and when each is next due. Pure bookkeeping over an instant passed in: it starts
 * nothing and reads no clock, so tests drive it with any time they like.
 */
final class Schedule {
    private final Map<String, ScheduledProbe> byName = new HashMap<>();
    private final PriorityQueue<ScheduledProbe> queue =
            new PriorityQueue<>(Comparator.comparing(ScheduledProbe::nextDue).thenComparing(ScheduledProbe::name));

    /**
     * Makes the schedule hold exactly {@code probes}: a probe whose config is unchanged keeps its entry (next slot,
     * health), a changed one gets a fresh entry, a removed one is dropped.
     */
    synchronized Reconciliation apply(List<ProbeConfig> probes, Instant now) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int unchanged = 0;
        Map<String, ScheduledProbe> next = new LinkedHashMap<>();
        for (ProbeConfig config : probes) {
            ScheduledProbe current = byName.get(config.name());
            if (current == null) {
                next.put(config.name(), new ScheduledProbe(config, now, new AtomicBoolean()));
                added.add(config.name());
            } else if (current.config.equals(config)) {
                next.put(config.name(), current);
                unchanged++;
            } else {
                next.put(config.name(), new ScheduledProbe(config, now, current.running));
                changed.add(config.name());
            }
        }
        List<String> removed = byName.keySet().stream().filter(name -> !next.containsKey(name)).sorted().toList();
        byName.clear();
        byName.putAll(next);
        queue.clear();
        queue.addAll(next.values());
        return new Reconciliation(added, changed, removed, unchanged);
    }

    /** Every run due at {@code now}; each probe taken moves on to its first slot after {@code now}. */
    synchronized List<DueRun> takeDue(Instant now) {
        List<DueRun> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().nextDue().isAfter(now)) {
            ScheduledProbe probe = queue.poll();
            Duration interval = probe.config.interval();
            long behind = Duration.between(probe.nextDue(), now).toMillis() / interval.toMillis();
            // When the scheduler was held up past several slots, run once for the latest slot rather than in a burst.
            Instant slot = probe.nextDue().plus(interval.multipliedBy(behind));
            due.add(new DueRun(probe, slot, behind));
            probe.dueAgainAt(slot.plus(interval));
            queue.add(probe);
        }
        return due;
    }

    /** When the next run is due, or empty when nothing is scheduled. */
    synchronized Optional<Instant> nextDue() {
        return Optional.ofNullable(queue.peek()).map(ScheduledProbe::nextDue);
    }

    /** True while {@code probe} is the live entry for its name, false once a reload replaced or removed it. */
    synchronized boolean isCurrent(ScheduledProbe probe) {
        return byName.get(probe.name()) == probe;
    }

    synchronized int size() {
        return byName.size();
    }

    synchronized Optional<ScheduledProbe> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
