package dev.vigil.lb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vigil.lb.FakeApiServer.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.StreamingKubernetesApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and watching Ingresses against a fake API server: pages, events, bookmarks, 410, a dropped watch, 403. */
class ListWatchTest {
    private static final String BASE = "/apis/networking.k8s.io/v1/ingresses";
    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    static Path serviceAccountDir;
    private static FakeApiServer api;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = FakeApiServer.start(serviceAccountDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.https().server().resetAll();
    }

    private static String object(String name, String version) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\",\"resourceVersion\":\"" + version
                + "\"}}";
    }

    private static String list(String version, String next, String... objects) {
        return "{\"kind\":\"IngressList\",\"metadata\":{\"resourceVersion\":\"" + version + "\""
                + (next == null ? "" : ",\"continue\":\"" + next + "\"") + "},\"items\":[" + String.join(",", objects)
                + "]}";
    }

    private static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}\n";
    }

    private static String watch(String version, String selector) {
        return BASE + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + version + "&timeoutSeconds=60" + selector;
    }

    /** Answers {@code url} with {@code response} while the scenario is in {@code state}, then moves it to {@code next}. */
    private static void step(String url, String state, String next, ResponseDefinitionBuilder response) {
        api.https().server().stubFor(get(urlEqualTo(url)).inScenario("api").whenScenarioStateIs(state)
                .willSetStateTo(next).withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(response));
    }

    private static ResponseDefinitionBuilder stream(String lines) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(lines);
    }

    private static ResponseDefinitionBuilder forbidden() {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","status":"Failure","message":"ingresses.networking.k8s.io is forbidden",\
                "reason":"Forbidden","code":403}""");
    }

    private ListWatch watcher(String selector, ListWatch.Limits limits, int pauses) {
        return watcherOf(new WatchedCollection(ApiResource.INGRESSES, null, selector, "discovery.sources[0]",
                api.https().httpsUri(), api.tokenFile(), api.caFile()), limits, pauses);
    }

    private ListWatch watcherOf(WatchedCollection ingresses, ListWatch.Limits limits, int pauses) {
        return new ListWatch(ingresses, limits, Map.<String, String>of()::get, serviceAccountDir, wait -> {
            waits.add(wait);
            if (waits.size() == pauses) {
                throw new InterruptedException("the test has seen enough");
            }
        });
    }

    private static ListWatch.Limits limits(int maxObjects, int maxEventBytes) {
        return new ListWatch.Limits(maxObjects, 1 << 20, maxEventBytes, Duration.ofSeconds(5), Duration.ofSeconds(60),
                SECOND, Duration.ofSeconds(3));
    }

    private final ListWatch.Sink sink = new ListWatch.Sink() {
        @Override
        public void listed(List<JsonNode> objects) {
            seen.add("listed " + StreamSupport.stream(objects.spliterator(), false)
                    .map(o -> o.path("metadata").path("name").asText()).collect(Collectors.joining(",")));
        }

        @Override
        public void changed(ListWatch.Change change, JsonNode object) {
            seen.add(change + " " + object.path("metadata").path("name").asText());
        }

        @Override
        public void failed(LbLookupException error, Duration retryIn) {
            assertFalse(error.getMessage().contains(TOKEN));
            seen.add("failed after " + retryIn.toSeconds() + "s: " + error.getMessage());
        }
    };

    private void runUntilInterrupted(ListWatch watcher) {
        try (watcher) {
            watcher.run(sink);
            assertTrue(Thread.interrupted(), "run returns with the interrupt flag set, which this clears");
        }
    }

    @Test
    void listsInPagesWatchesFromTheListsVersionResumesAtBookmarksAndRelistsOnAnErrorEvent410() {
        String selector = "&labelSelector=team%3Dshop";
        step(BASE + "?limit=500" + selector, STARTED, "page2", okJson(list("9", "c1", object("a", "3"))));
        step(BASE + "?limit=500&continue=c1" + selector, "page2", "watch",
                okJson(list("10", null, object("b", "4"))));
        step(watch("10", selector), "watch", "bookmarked", stream(event("ADDED", object("c", "11"))
                + event("MODIFIED", object("a", "12")) + event("BOOKMARK", "{\"metadata\":{\"resourceVersion\":\"15\"}}")));
        step(watch("15", selector), "bookmarked", "relist", stream(event("ERROR",
                "{\"kind\":\"Status\",\"code\":410,\"message\":\"too old resource version: 15 (40)\"}")));
        step(BASE + "?limit=500" + selector, "relist", "forbidden",
                okJson(list("20", null, object("a", "12"), object("c", "11"))));
        step(watch("20", selector), "forbidden", "done", forbidden());

        runUntilInterrupted(watcher("team=shop", limits(100, 4096), 1));

        assertEquals(List.of("listed a,b", "ADDED c", "MODIFIED a", "listed a,c",
                "failed after 1s: forbidden (403): the service account needs `watch` on `ingresses` in all namespaces"
                        + " — a ClusterRole rule: apiGroups: [\"networking.k8s.io\"], resources: [\"ingresses\"],"
                        + " verbs: [\"watch\"]; the API server said: ingresses.networking.k8s.io is forbidden"),
                seen);
        assertEquals(List.of(SECOND), waits);
    }

    @Test
    void aDroppedWatchRemovesNothingAndResumesAtItsVersionAndAGoneAnswerRelistsAtOnce() {
        step(BASE + "?limit=500", STARTED, "watch", okJson(list("10", null, object("a", "3"))));
        step(watch("10", ""), "watch", "dropped", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        step(watch("10", ""), "dropped", "gone", aResponse().withStatus(410).withBody("{\"kind\":\"Status\",\"code\":410}"));
        step(BASE + "?limit=500", "gone", "forbidden", okJson(list("30", null, object("b", "5"))));
        step(watch("30", ""), "forbidden", "forbidden", forbidden());

        runUntilInterrupted(watcher(null, limits(100, 4096), 3));

        assertEquals(List.of("listed a", "listed b"), seen.stream().filter(s -> !s.startsWith("failed")).toList());
        List<String> failures = seen.stream().filter(s -> s.startsWith("failed")).toList();
        assertEquals(3, failures.size(), () -> String.join("\n", seen));
        assertTrue(failures.get(0).startsWith("failed after 1s: request to the API server at " + api.https().httpsUri()
                + " for ingresses in all namespaces failed: "), failures.get(0));
        // The back-off starts again after the watch that worked, then doubles up to its cap.
        assertEquals(List.of(SECOND, SECOND, Duration.ofSeconds(2)), waits);
    }

    @Test
    void anEventLongerThanTheBoundAndAListOverTheObjectBoundFailWithoutTakingAnythingAway() {
        step(BASE + "?limit=500", STARTED, "watch", okJson(list("10", null, object("a", "3"))));
        step(watch("10", ""), "watch", "toolong", stream(event("ADDED", object("b".repeat(300), "11"))));
        step(watch("10", ""), "toolong", "many", stream(event("ERROR", "{\"kind\":\"Status\",\"code\":410}")));
        step(BASE + "?limit=500", "many", "many", okJson(list("10", null, object("a", "3"), object("b", "4"))));

        runUntilInterrupted(watcher(null, limits(1, 256), 2));

        assertEquals(List.of("listed a",
                "failed after 1s: an event of the watch on ingresses in all namespaces is longer than 0 KiB",
                "failed after 1s: ingresses in all namespaces holds more than 1 objects; narrow discovery.sources[0]"
                        + " with namespaces or a label selector"), seen);
    }

    /**
     * A watch that goes silent (a half-open connection, a proxy that holds it) is given up {@code requestTimeout} after
     * the {@code timeoutSeconds} the server was asked for, and the next resumes at the last event's version: nothing
     * listed again, nothing lost, no failure reported.
     */
    @Test
    void aWatchSilentPastItsTimeoutIsGivenUpAndResumedAtItsLastVersion(@TempDir Path apiDir) throws Exception {
        ListWatch.Limits quick = new ListWatch.Limits(100, 1 << 20, 4096, Duration.ofMillis(300), SECOND, SECOND,
                Duration.ofSeconds(3));
        try (StreamingKubernetesApi streaming = StreamingKubernetesApi.start(apiDir, TOKEN, BASE)) {
            streaming.list(list("10", null, object("a", "3")));
            ListWatch watcher = watcherOf(new WatchedCollection(ApiResource.INGRESSES, null, null,
                    "discovery.sources[0]", streaming.uri(), apiDir.resolve("token"), apiDir.resolve("ca.crt")), quick,
                    1);
            Thread running = Thread.ofPlatform().start(() -> runUntilInterrupted(watcher));
            try {
                streaming.awaitOneWatch(Duration.ofSeconds(10));
                streaming.send(event("ADDED", object("b", "11")));
                // The server never ends this watch nor sends a bookmark: only the client's own bound ends it.
                streaming.awaitWatches(2, Duration.ofSeconds(10));
                streaming.send(event("DELETED", object("a", "12")));
                Eventually.until(Duration.ofSeconds(10), "the event on the new watch", () -> seen.size() == 3);
            } finally {
                running.interrupt();
                running.join(10_000);
            }
            assertEquals(List.of("listed a", "ADDED b", "DELETED a"), seen);
            assertEquals(List.of(BASE + "?limit=500", BASE + "?watch=1&allowWatchBookmarks=true&resourceVersion=10"
                    + "&timeoutSeconds=1", BASE + "?watch=1&allowWatchBookmarks=true&resourceVersion=11"
                    + "&timeoutSeconds=1"), streaming.requests());
        }
    }

    @Test
    void aWatchWhoseAnswerDoesNotBeginFailsAfterTheRequestTimeoutNotTheWatchTimeout() {
        ListWatch.Limits quick = new ListWatch.Limits(100, 1 << 20, 4096, Duration.ofMillis(300),
                Duration.ofSeconds(60), SECOND, Duration.ofSeconds(3));
        step(BASE + "?limit=500", STARTED, "silent", okJson(list("10", null, object("a", "3"))));
        step(watch("10", ""), "silent", "after", stream("").withFixedDelay(30_000));
        step(watch("10", ""), "after", "after", forbidden());

        long started = System.nanoTime();
        runUntilInterrupted(watcher(null, quick, 2));

        assertEquals("listed a", seen.get(0));
        assertEquals("failed after 1s: request to the API server at " + api.https().httpsUri()
                + " for ingresses in all namespaces failed: request timed out", seen.get(1));
        assertTrue(seen.get(2).startsWith("failed after 2s: forbidden (403)"), seen.get(2));
        // Not a timing assertion: the silent answer alone would have held the watch for 30 s.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0);
    }
}
