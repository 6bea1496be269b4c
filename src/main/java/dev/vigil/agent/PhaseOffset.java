package dev.vigil.agent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Where in its interval a probe fires. The offset comes from the probe's name alone, so probes spread evenly over the
 * interval instead of firing in the same millisecond, and a probe keeps its phase across reloads and restarts.
 */
final class PhaseOffset {
    private PhaseOffset() {
    }

    /** A stable offset in {@code [0, interval)} for {@code name}. */
    static Duration of(String name, Duration interval) {
        long millis = interval.toMillis();
        return Duration.ofMillis(Math.floorMod(hash(name), millis));
    }

    /**
     * The first slot at or after {@code from}: slots sit at {@code offset + k * interval} counted from the epoch, so
     * the schedule does not depend on when the agent started.
     */
    static Instant firstSlot(Instant from, Duration interval, Duration offset) {
        long period = interval.toMillis();
        long shifted = from.toEpochMilli() - offset.toMillis();
        long k = Math.ceilDiv(shifted, period);
        return Instant.ofEpochMilli(k * period + offset.toMillis());
    }

    /**
     * 64-bit FNV-1a with a final avalanche step: unlike {@link String#hashCode()}, names that differ only in their last
     * character (api-1, api-2…) land far apart.
     */
    private static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
