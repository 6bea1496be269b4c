package dev.vigil.fleet;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an agent is in a fleet: its name, where it probes from, and which share of the probes it runs.
 *
 * @param name          the agent's name, by default its host's
 * @param location      where it probes from, e.g. {@code eu-west}; null for none, and then nothing it writes
 *                      changes
 * @param locationLabel the label name that carries {@code location} on every probe series and alert
 * @param shard         the probes it runs; {@link Shard#WHOLE} for all of them
 * @param replicas      how many agents run this same shard (high availability); 1 for one
 * @param peers         the base URLs of the other agents whose probes its status page lists too; empty for none
 */
public record AgentIdentity(String name, String location, String locationLabel, Shard shard, int replicas,
        List<URI> peers) {
    public static final String DEFAULT_LOCATION_LABEL = "location";
    /** Peers an agent polls at most: a fleet of a few locations, each a few shards, needs far fewer. */
    public static final int MAX_PEERS = 32;
    /** Longer is no place name, and every series of the agent carries it. */
    public static final int MAX_TEXT = 128;
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public AgentIdentity {
        checkText("name", name);
        if (location != null) {
            checkText("location", location);
        }
        checkLabelName(locationLabel);
        Objects.requireNonNull(shard, "shard");
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        peers = List.copyOf(peers);
        if (peers.size() > MAX_PEERS) {
            throw new IllegalArgumentException("at most " + MAX_PEERS + " peers, got " + peers.size());
        }
    }

    /** An agent without peers. */
    public AgentIdentity(String name, String location, String locationLabel, Shard shard, int replicas) {
        this(name, location, locationLabel, shard, replicas, List.of());
    }

    /** A single agent named {@code name}, without a location: what an agent without an {@code agent} section is. */
    public static AgentIdentity single(String name) {
        return new AgentIdentity(name, null, DEFAULT_LOCATION_LABEL, Shard.WHOLE, 1);
    }

    /**
     * The name of an agent on the host named {@code hostName}: the host's name, made one an agent may have (control
     * characters dropped, cut at {@value #MAX_TEXT} characters), or {@code vigil} when nothing is left of it.
     */
    public static String nameOfHost(String hostName) {
        String name = hostName == null ? "" : hostName.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return name.isEmpty() ? "vigil" : name.substring(0, Math.min(name.length(), MAX_TEXT));
    }

    /** Whether the agent is one of a fleet: it has a location, shards or replicas. A single agent is none of these. */
    public boolean inFleet() {
        return located() || shard.count() > 1 || replicas > 1;
    }

    /** One line saying who the agent is in its fleet, e.g. {@code agent 'vigil-1' at eu-west runs shard 1/3}. */
    public String describe() {
        return "agent '" + name + "'" + (located() ? " at " + location : "") + " runs shard " + shard
                + (replicas > 1 ? " with " + replicas + " replicas" : "");
    }

    /** Whether a location is set, so that series and alerts carry it. */
    public boolean located() {
        return location != null;
    }

    /** Throws, saying why, unless {@code text} may be the agent's {@code what} (its name or location). */
    public static void checkText(String what, String text) {
        Objects.requireNonNull(text, what);
        if (text.isEmpty() || text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_TEXT
                    + " characters without control characters");
        }
    }

    /** Throws, saying why, unless {@code name} is a Prometheus label name of one's own (not {@code __}-prefixed). */
    public static void checkLabelName(String name) {
        Objects.requireNonNull(name, "locationLabel");
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("the location label '" + name + "' must match " + LABEL_NAME.pattern()
                    + " and not start with '__'");
        }
    }
}
