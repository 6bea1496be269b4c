package dev.vigil.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which sets of names an endpoint served within a limit's window, and when each was last served. Pure. */
final class ServedSets {
    private ServedSets() {
    }

    /**
     * The sets of names of {@code observations} (oldest first, the last one current) last seen within {@code window}
     * before {@code now}: the current certificate's set first, then the others, most recently served first. The
     * current set is always there.
     */
    static Map<List<String>, Instant> within(List<Observation> observations, Duration window, Instant now) {
        Map<List<String>, Instant> sets = new LinkedHashMap<>();
        if (observations.isEmpty()) {
            return sets;
        }
        Observation current = observations.getLast();
        sets.put(current.sans(), current.lastSeen());
        Instant since = now.minus(window);
        observations.stream()
                .filter(o -> o.lastSeen().isAfter(since))
                .sorted((a, b) -> b.lastSeen().compareTo(a.lastSeen()))
                .forEach(o -> sets.merge(o.sans(), o.lastSeen(), (a, b) -> a.isAfter(b) ? a : b));
        return sets;
    }
}
