package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.lb.LbLookupException;
import dev.vigil.lb.ListWatch;
import dev.vigil.time.Durations;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of one watched collection as list and watch events leave them, by namespace and name: a list replaces
 * them all, an ADDED or MODIFIED event puts one, a DELETED event takes one away; a failure takes nothing away. At most
 * {@code maxObjects} are kept; an ADDED event beyond is dropped and counted (the next list says what exists).
 * Thread-safe; {@code onChange} runs after each change, on the thread that made it.
 */
final class ObjectStore implements ListWatch.Sink {
    private static final System.Logger LOG = System.getLogger(ObjectStore.class.getName());

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final String subject;
    private final int maxObjects;
    private final Runnable onChange;
    private final Map<String, JsonNode> objects = new LinkedHashMap<>();
    private boolean listed;
    private long dropped;
    /** The last list or watch failed, and nothing read since says the API server answers again. */
    private boolean failing;

    /** @param subject what is watched, as log lines name it, e.g. {@code ingresses in namespace shop} */
    ObjectStore(String subject, int maxObjects, Runnable onChange) {
        this.subject = subject;
        this.maxObjects = maxObjects;
        this.onChange = onChange;
    }

    @Override
    public void listed(List<JsonNode> all) {
        synchronized (this) {
            objects.clear();
            for (JsonNode object : all.subList(0, Math.min(all.size(), maxObjects))) {
                objects.put(key(object), trimmed(object));
            }
            listed = true;
            failing = false;
        }
        onChange.run();
    }

    @Override
    public void changed(ListWatch.Change change, JsonNode object) {
        synchronized (this) {
            failing = false;
            String key = key(object);
            switch (change) {
                case ADDED, MODIFIED -> {
                    if (objects.size() >= maxObjects && !objects.containsKey(key)) {
                        dropped++;
                        LOG.log(Level.WARNING, "discovery: " + subject + " holds more than " + maxObjects
                                + " objects; " + key + " is left out");
                        return;
                    }
                    objects.put(key, trimmed(object));
                }
                case DELETED -> objects.remove(key);
            }
        }
        onChange.run();
    }

    @Override
    public synchronized void bookmarked() {
        failing = false;
    }

    @Override
    public void failed(LbLookupException error, Duration retryIn) {
        synchronized (this) {
            failing = true;
        }
        LOG.log(Level.WARNING, "discovery: " + error.getMessage() + "; retrying in " + Durations.format(retryIn)
                + ", removing nothing until a list says what is gone");
    }

    /** The objects now, in the order they came. */
    synchronized List<JsonNode> objects() {
        return new ArrayList<>(objects.values());
    }

    /** True once a list has arrived: before, an empty store means nothing is known yet, not that nothing exists. */
    synchronized boolean listed() {
        return listed;
    }

    /**
     * True from a failed list or watch until a list, an event or a bookmark arrives: the objects held may be out of
     * date (an RBAC rule missing, the API server unreachable).
     */
    synchronized boolean failing() {
        return failing;
    }

    /** ADDED events dropped because the store was full. */
    synchronized long dropped() {
        return dropped;
    }

    /**
     * {@code object} without what discovery never reads and an API server adds to every object: the field managers'
     * bookkeeping, and kubectl's copy of the whole last applied object, which together are often most of its bytes.
     */
    static JsonNode trimmed(JsonNode object) {
        if (object.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
            if (metadata.path("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
            }
        }
        return object;
    }

    private static String key(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("");
    }
}
