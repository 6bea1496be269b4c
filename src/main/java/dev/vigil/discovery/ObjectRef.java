package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoverySource;
import java.util.Comparator;
import java.util.Objects;

/**
 * A Kubernetes object probes are discovered from.
 *
 * @param kind      its kind
 * @param namespace its namespace
 * @param name      its name
 */
public record ObjectRef(DiscoverySource.Kind kind, String namespace, String name) implements Comparable<ObjectRef> {
    private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::kind)
            .thenComparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The reference of {@code object}, of kind {@code kind}; its name and namespace from its metadata. */
    static ObjectRef of(DiscoverySource.Kind kind, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ObjectRef(kind, metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }

    /** As probe names start, e.g. {@code ingress/shop/web}. */
    public String path() {
        return kind.id() + "/" + namespace + "/" + name;
    }

    /** As messages name it, e.g. {@code ingress shop/web}. */
    @Override
    public String toString() {
        return kind.id() + " " + namespace + "/" + name;
    }
}
