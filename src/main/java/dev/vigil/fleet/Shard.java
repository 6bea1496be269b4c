package dev.vigil.fleet;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} agents that split the probes between them: the probes it runs are those {@link Rendezvous}
 * assigns to {@code index}. {@link #WHOLE} is the one agent running everything, as a single agent does.
 *
 * @param index this agent's shard, from 0 to {@code count - 1}
 * @param count how many shards the probes are split into; at least 1
 */
public record Shard(int index, int count) {
    /** The most shards: far beyond any fleet, and small enough that every agent's check of a name stays cheap. */
    public static final int MAX_COUNT = 1024;
    /** One shard holding every probe. */
    public static final Shard WHOLE = new Shard(0, 1);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
    /** A StatefulSet pod's name: the set's name, a dash and the pod's ordinal. */
    private static final Pattern ORDINAL = Pattern.compile(".*-(\\d{1,9})");

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the shard count must be from 1 to " + MAX_COUNT + ", got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("the shard index must be from 0 to " + (count - 1) + " (the count less"
                    + " one), got " + index);
        }
    }

    /** The shard written {@code INDEX/COUNT}, e.g. {@code 0/3}. */
    public static Shard parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not INDEX/COUNT, e.g. 0/3");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The shard of a StatefulSet's pod named {@code hostName} (its {@code HOSTNAME}): its ordinal, the number after
     * the last dash, of {@code count}; e.g. {@code vigil-2} of 3 is 2/3.
     *
     * @param hostName the pod's name; null when unknown
     */
    public static Shard ofOrdinal(String hostName, int count) {
        Matcher m = hostName == null ? null : ORDINAL.matcher(hostName);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("the shard index is not set and HOSTNAME "
                    + (hostName == null ? "is unset" : "'" + hostName + "' does not end in -N")
                    + ", as a StatefulSet pod's does; set the index or start with --shard INDEX/COUNT");
        }
        int ordinal = Integer.parseInt(m.group(1));
        if (ordinal >= count) {
            throw new IllegalArgumentException("HOSTNAME '" + hostName + "' has ordinal " + ordinal + ", but the shard"
                    + " count is " + count + ": the StatefulSet has more replicas than shards");
        }
        return new Shard(ordinal, count);
    }

    /** Whether the probe named {@code probeName} is this shard's to run. */
    public boolean owns(String probeName) {
        return count == 1 || Rendezvous.shardOf(probeName, count) == index;
    }

    /** {@code INDEX/COUNT}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
