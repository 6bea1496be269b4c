package dev.vigil.discovery;

import static dev.vigil.discovery.RouteObjects.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.lb.LbLookupException;
import dev.vigil.lb.ListWatch.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The objects of a collection as list and watch events leave them. */
class ObjectStoreTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final ObjectStore store = new ObjectStore("ingresses in namespace shop", 3, changes::incrementAndGet);

    private static JsonNode object(String name, String generation) {
        return json("{'metadata': {'namespace': 'shop', 'name': '" + name + "', 'generation': " + generation + ","
                + " 'managedFields': [{'manager': 'kubectl'}], 'annotations': {'vigil.dev/path': '/',"
                + " 'kubectl.kubernetes.io/last-applied-configuration': '{}'}}}");
    }

    private List<String> held() {
        return store.objects().stream().map(o -> o.path("metadata").path("name").asText() + "@"
                + o.path("metadata").path("generation").asText()).toList();
    }

    @Test
    void addModifyDeleteAndAListReplacesEverything() {
        assertFalse(store.listed());
        store.listed(List.of(object("a", "1"), object("b", "1")));
        store.changed(Change.ADDED, object("c", "1"));
        store.changed(Change.MODIFIED, object("a", "2"));
        store.changed(Change.DELETED, object("b", "1"));
        assertEquals(List.of("a@2", "c@1"), held());

        store.failed(new LbLookupException("the watch broke"), Duration.ofSeconds(1));
        assertEquals(List.of("a@2", "c@1"), held(), "a failure removes nothing");

        store.listed(List.of(object("d", "1")));
        assertEquals(List.of("d@1"), held(), "a list says what is gone");
        assertTrue(store.listed());
        assertEquals(5, changes.get(), "each list and event is a change; a failure is none");
    }

    /** What ends {@code failing()} after a failure: anything the API server sends; a failure again does not. */
    @Test
    void aFailureMarksTheStoreFailingUntilTheApiServerSendsSomething() {
        List<String> seen = new ArrayList<>();
        List<Runnable> answers = List.of(
                () -> store.failed(new LbLookupException("forbidden (403)"), Duration.ofSeconds(2)),
                store::bookmarked,
                () -> store.changed(Change.ADDED, object("a", "1")),
                () -> store.listed(List.of()));
        for (Runnable answer : answers) {
            store.failed(new LbLookupException("forbidden (403)"), Duration.ofSeconds(1));
            answer.run();
            seen.add(Boolean.toString(store.failing()));
        }
        assertEquals(List.of("true", "false", "false", "false"), seen);
    }

    @Test
    void anAddedObjectBeyondTheBoundIsDroppedAndCounted() {
        store.listed(List.of(object("a", "1"), object("b", "1"), object("c", "1")));
        store.changed(Change.ADDED, object("d", "1"));
        store.changed(Change.MODIFIED, object("c", "2"));

        assertEquals(List.of("a@1", "b@1", "c@2"), held());
        assertEquals(1, store.dropped());
    }

    @Test
    void whatDiscoveryNeverReadsIsNotKept() {
        store.listed(List.of(object("a", "1")));

        JsonNode metadata = store.objects().getFirst().path("metadata");
        assertTrue(metadata.path("managedFields").isMissingNode());
        assertEquals(List.of("vigil.dev/path"), List.copyOf(iterable(metadata.path("annotations").fieldNames())));
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
