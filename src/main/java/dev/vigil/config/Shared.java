package dev.vigil.config;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each equal value parsed from one config: the settings that thousands of probes take from the same
 * {@code defaults} (timeouts, TLS options, certificate settings, expectations, labels) are then held once, not once per
 * probe (issue 17: at 10,000 probes the copies were about a tenth of the agent's live heap). Only for immutable values
 * with value equality (records, unmodifiable collections); lives as long as one load.
 */
final class Shared {
    private final Map<Object, Object> seen = new HashMap<>();

    /** The first value equal to {@code value} that went through here, else {@code value} itself; null stays null. */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        return value == null ? null : (T) seen.computeIfAbsent(value, v -> v);
    }
}
