package dev.vigil.config;

import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.fleet.AgentIdentity;
import dev.vigil.fleet.Shard;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns the config's {@code agent} section, with the command line's {@link AgentOverrides} over it, into the
 * agent's {@link AgentIdentity}, reporting every bad value. Without the section (and without flags) the agent is a
 * single one named after its host, without a location.
 */
final class AgentParser {
    static final Keys KEYS = new Keys(Set.of("name", "location", "locationLabel", "shard", "replicas", "peers"), Map.of(),
            Map.of("shard", new Keys(Set.of("index", "count"), Map.of(), Map.of())));
    /** Labels that alerts to Alertmanager carry besides the series' own: the location must not take their place. */
    private static final Set<String> ALERT_LABELS = Set.of("alertname", "severity", "condition");

    private final Problems problems;
    private final Typed typed;
    private final Function<String, String> environment;
    private final Supplier<String> hostName;
    private final AgentOverrides overrides;
    /** Whether the load is for an agent that runs its shard, which must then know its index. */
    private final boolean running;

    /** @param overrides the command line's overrides; null when the load is not for an agent that runs */
    AgentParser(Problems problems, Function<String, String> environment, Supplier<String> hostName,
            AgentOverrides overrides) {
        this.problems = problems;
        this.typed = new Typed(problems);
        this.environment = environment;
        this.hostName = hostName;
        this.running = overrides != null;
        this.overrides = Objects.requireNonNullElse(overrides, AgentOverrides.NONE);
    }

    /**
     * The identity {@code node} (the {@code agent} section; null when absent) and the overrides give; null after
     * reporting a problem.
     */
    AgentIdentity parse(ConfigNode node) {
        ObjectNode agent = node == null ? null : typed.object(node);
        if (node != null && agent == null) {
            return null;
        }
        Layers layers = agent == null ? null : Layers.of(agent);
        String name = overrides.name() != null ? overrides.name()
                : layers == null ? null : layers.value("name", n -> text(n, "name"), null);
        String location = overrides.location() != null ? overrides.location()
                : layers == null ? null : layers.value("location", n -> text(n, "location"), null);
        String label = layers == null ? AgentIdentity.DEFAULT_LOCATION_LABEL
                : layers.value("locationLabel", this::label, AgentIdentity.DEFAULT_LOCATION_LABEL);
        Shard shard = overrides.shard() != null ? overrides.shard()
                : agent == null || agent.get("shard") == null ? Shard.WHOLE : shard(agent.get("shard"));
        Integer replicas = layers == null ? Integer.valueOf(1) : layers.value("replicas", n -> typed.integer(n, 1), 1);
        List<URI> peers = overrides.peers() != null ? overrides.peers()
                : layers == null ? List.of() : layers.value("peers", this::peers, List.of());
        if (!problems.isEmpty() || label == null || shard == null || replicas == null || peers == null) {
            return null;
        }
        return new AgentIdentity(name != null ? name : AgentIdentity.nameOfHost(hostName.get()), location, label, shard,
                replicas, peers);
    }

    /**
     * The other agents' base URLs, {@code http} or {@code https}, each once, at most {@value AgentIdentity#MAX_PEERS};
     * user info (basic authentication to a proxy in front of a peer) is allowed and never shown.
     */
    private List<URI> peers(ConfigNode node) {
        ArrayNode array = typed.array(node);
        if (array == null) {
            return null;
        }
        if (array.items().size() > AgentIdentity.MAX_PEERS) {
            problems.add(node, "at most " + AgentIdentity.MAX_PEERS + " peers, got " + array.items().size());
            return null;
        }
        List<URI> peers = typed.list(array, item -> typed.parsed(item, AgentParser::peer));
        if (peers != null && new HashSet<>(peers).size() != peers.size()) {
            problems.add(node, "a peer is listed twice");
            return null;
        }
        return peers;
    }

    /** One peer's base URL, without a query or fragment: the agent's paths are appended to it. */
    static URI peer(String text) {
        URI url = Urls.absolute(text, "a peer", List.of("http", "https"), "http://vigil-us-east-0.vigil:19115", true);
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("a peer must be a base URL without ?query or #fragment, e.g. "
                    + "http://vigil-us-east-0.vigil:19115");
        }
        return url;
    }

    private String text(ConfigNode node, String what) {
        String text = typed.string(node);
        return text == null ? null : typed.attempt(node, () -> {
            AgentIdentity.checkText(what, text);
            return text;
        });
    }

    private String label(ConfigNode node) {
        String name = typed.string(node);
        return name == null ? null : typed.attempt(node, () -> {
            AgentIdentity.checkLabelName(name);
            if (ProbeConfig.RESERVED_LABELS.contains(name) || ALERT_LABELS.contains(name)) {
                throw new IllegalArgumentException("the location label '" + name + "' is one Vigil sets itself");
            }
            return name;
        });
    }

    /** {@code {"index": I, "count": N}}, or {@code {"count": N}} with the index from {@code HOSTNAME}'s ordinal. */
    private Shard shard(ConfigNode node) {
        ObjectNode shard = typed.object(node);
        if (shard == null) {
            return null;
        }
        ConfigNode countNode = typed.required(shard, "count");
        Integer count = countNode == null ? null : typed.integer(countNode, 1);
        ConfigNode indexNode = shard.get("index");
        Integer index = indexNode == null ? null : typed.integer(indexNode, 0);
        if (count != null && count > Shard.MAX_COUNT) {
            problems.add(countNode, "count must be at most " + Shard.MAX_COUNT + ", got " + count);
            return null;
        }
        if (count == null || indexNode != null && index == null) {
            return null;
        }
        if (index != null) {
            return typed.attempt(indexNode, () -> new Shard(index, count));
        }
        try {
            return Shard.ofOrdinal(environment.apply("HOSTNAME"), count);
        } catch (IllegalArgumentException e) {
            if (running) {
                problems.add(shard, e.getMessage());
                return null;
            }
            // Checking a StatefulSet's config elsewhere (vigil validate in CI) must not need the pod's name.
            return new Shard(0, count);
        }
    }
}
