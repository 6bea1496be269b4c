package dev.vigil.config;

import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.time.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A probe's settings seen through its {@code defaults}: a key set on the probe wins, otherwise the defaults' value
 * applies. {@code probe} is null when the defaults are validated on their own, or when an object that has no
 * defaults (e.g. in {@code outputs}) is read through {@link #of}.
 */
record Layers(ObjectNode defaults, ObjectNode probe) {

    /** The one object {@code object}, with nothing layered over or under it. */
    static Layers of(ObjectNode object) {
        return new Layers(object, null);
    }

    /** The effective value of {@code key}, or null when neither layer sets it. */
    ConfigNode get(String key) {
        ConfigNode own = probe == null ? null : probe.get(key);
        return own != null ? own : defaults.get(key);
    }

    /** The effective value of {@code key} read by {@code read}, {@code fallback} when neither layer sets it. */
    <T> T value(String key, Function<ConfigNode, T> read, T fallback) {
        ConfigNode node = get(key);
        return node == null ? fallback : read.apply(node);
    }

    /**
     * The object {@code key} of both layers as layers of their own, so that its keys merge one by one, the probe's
     * winning. A layer whose {@code key} is not an object is reported and counts as not setting it.
     */
    Layers nested(String key, Typed typed) {
        ObjectNode inDefaults = objectIn(defaults, key, typed);
        ObjectNode inProbe = probe == null ? null : objectIn(probe, key, typed);
        return new Layers(Objects.requireNonNullElseGet(inDefaults, () -> new ObjectNode(
                defaults.place().child(key), defaults.line(), defaults.column(), List.of())), inProbe);
    }

    private static ObjectNode objectIn(ObjectNode layer, String key, Typed typed) {
        ConfigNode node = layer.get(key);
        return node == null ? null : typed.object(node);
    }

    /**
     * The members of the object {@code key} merged key by key, the probe's winning, in first-seen order. Keys are
     * compared after {@code normalize}, so headers can merge case-insensitively. A non-object layer is reported.
     */
    Map<String, Member> merged(String key, UnaryOperator<String> normalize, Typed typed) {
        Map<String, Member> merged = new LinkedHashMap<>();
        Stream.of(defaults, probe).filter(Objects::nonNull).map(layer -> layer.get(key)).filter(Objects::nonNull)
                .map(typed::object).filter(Objects::nonNull)
                .forEach(object -> object.members().forEach(m -> merged.put(normalize.apply(m.key()), m)));
        return merged;
    }

    /** Reports a {@code timeout} longer than the {@code interval} (either null: unread) at the one to blame. */
    void checkTimeout(Duration interval, Duration timeout, Problems problems) {
        if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
            problems.add(blame(get("timeout"), get("interval")),
                    "timeout " + Durations.format(timeout) + " exceeds interval " + Durations.format(interval));
        }
    }

    /** True when {@code node} was written in the probe itself rather than inherited. */
    boolean fromProbe(Located node) {
        return probe != null && node.path().startsWith(probe.path() + ".");
    }

    /** Of two nodes that conflict, the one to blame: the probe's own if either is, else whichever exists. */
    Located blame(Located first, Located second) {
        if (first == null || second != null && fromProbe(second) && !fromProbe(first)) {
            return second;
        }
        return first;
    }
}
