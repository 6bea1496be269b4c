package dev.vigil.agent;

import java.util.List;

/**
 * What applying a config did to the schedule, by probe name.
 *
 * @param added     new probes
 * @param changed   probes whose config changed: they start afresh, with a new schedule and history
 * @param removed   probes no longer configured
 * @param unchanged how many probes kept their schedule and history
 */
record Reconciliation(List<String> added, List<String> changed, List<String> removed, int unchanged) {
    Reconciliation {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    String summary() {
        return added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed, "
                + unchanged + " unchanged";
    }
}
