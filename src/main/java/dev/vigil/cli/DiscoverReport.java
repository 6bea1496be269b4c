package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.DiscoveredProbe;
import dev.vigil.discovery.Discovery;
import dev.vigil.discovery.ObjectRef;
import dev.vigil.discovery.Skipped;
import dev.vigil.fleet.Rendezvous;
import dev.vigil.fleet.Shard;
import dev.vigil.lb.LbIngress;
import dev.vigil.time.Durations;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code vigil discover} prints: the probes discovery would run, and what it skips, as text or JSON. */
final class DiscoverReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DiscoverReport() {
    }

    /**
     * One line per probe (name, URL, interval, expected addresses, object), then one per skipped object or host. With
     * shards, a first line says how many probes are this agent's, and each probe's line ends with its shard.
     */
    static String text(Discovery.Result result, Shard shard) {
        StringBuilder out = new StringBuilder();
        if (shard.count() > 1) {
            out.append("shard ").append(shard).append(": ")
                    .append(result.probes().stream().filter(p -> shard.owns(p.probe().name())).count())
                    .append(" of the probes below are this agent's\n");
        }
        out.append(result.probes().size()).append(" probe(s) would run").append(result.probes().isEmpty() ? "\n" : ":\n");
        for (DiscoveredProbe probe : result.probes()) {
            out.append("  ").append(probe.probe().name()).append("  ").append(probe.probe().spec().url())
                    .append("  every ").append(Durations.format(probe.probe().interval()))
                    .append("  expect ").append(probe.expected().isEmpty() ? "(no load-balancer address known)"
                            : addresses(probe.expected()).stream().collect(Collectors.joining(", ")))
                    .append("  from ").append(probe.source()).append(shardOf(probe, shard)).append('\n');
        }
        if (!result.skipped().isEmpty()) {
            out.append(result.skipped().size()).append(" skipped:\n");
            result.skipped().forEach(skipped -> out.append("  ").append(skipped.describe()).append('\n'));
        }
        return out.toString();
    }

    /** With shards, {@code  shard I/N (this agent's)} or {@code  shard I/N}; nothing without. */
    private static String shardOf(DiscoveredProbe probe, Shard shard) {
        if (shard.count() == 1) {
            return "";
        }
        int index = Rendezvous.shardOf(probe.probe().name(), shard.count());
        return "  shard " + index + "/" + shard.count() + (index == shard.index() ? " (this agent's)" : "");
    }

    /**
     * {@code {"probes": [...], "skipped": [...]}}; the fields are documented in docs/discovery.md. With shards, also
     * {@code "shard": {"index": I, "count": N}} and each probe's {@code "shard"} index and {@code "own"} (this
     * agent's or not); see docs/fleet.md.
     */
    static ObjectNode json(Discovery.Result result, Shard shard) {
        ObjectNode out = JSON.objectNode();
        if (shard.count() > 1) {
            out.putObject("shard").put("index", shard.index()).put("count", shard.count());
        }
        ArrayNode probes = out.putArray("probes");
        for (DiscoveredProbe probe : result.probes()) {
            ObjectNode entry = probes.addObject();
            entry.put("name", probe.probe().name());
            entry.put("url", probe.probe().spec().url().toString());
            entry.put("intervalSeconds", probe.probe().interval().toMillis() / 1000.0);
            ArrayNode expected = entry.putArray("expectedAddresses");
            addresses(probe.expected()).forEach(expected::add);
            entry.set("source", source(probe.source()));
            if (shard.count() > 1) {
                int index = Rendezvous.shardOf(probe.probe().name(), shard.count());
                entry.put("shard", index).put("own", index == shard.index());
            }
        }
        ArrayNode skipped = out.putArray("skipped");
        for (Skipped skip : result.skipped()) {
            ObjectNode entry = skipped.addObject();
            entry.set("source", source(skip.source()));
            if (skip.host() != null) {
                entry.put("host", skip.host());
            }
            ArrayNode reasons = entry.putArray("reasons");
            skip.reasons().forEach(reasons::add);
        }
        return out;
    }

    private static ObjectNode source(ObjectRef ref) {
        ObjectNode source = JSON.objectNode();
        source.put("kind", ref.kind().id());
        source.put("namespace", ref.namespace());
        source.put("name", ref.name());
        return source;
    }

    private static List<String> addresses(List<LbIngress> expected) {
        return expected.stream().map(a -> a.ip() != null ? a.ip() : a.hostname()).toList();
    }
}
