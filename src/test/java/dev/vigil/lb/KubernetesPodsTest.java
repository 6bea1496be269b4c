package dev.vigil.lb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.vigil.lb.FakeApiServer.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the ingress controller's pods started, as the reader makes it out of the API server's pod list. */
class KubernetesPodsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String SELECTOR = "app.kubernetes.io/name=traefik, tier in (edge)";
    /** The selector as the request carries it, and the bound on the list. */
    private static final String URL = "/api/v1/namespaces/ingress/pods?labelSelector="
            + "app.kubernetes.io%2Fname%3Dtraefik%2C%20tier%20in%20%28edge%29&limit=50";

    @TempDir
    static Path serviceAccountDir;
    private static FakeApiServer api;
    private static KubernetesPods reader;

    @BeforeAll
    static void start() {
        api = FakeApiServer.start(serviceAccountDir);
        reader = new KubernetesPods(Map.<String, String>of()::get, serviceAccountDir);
    }

    @AfterAll
    static void stop() {
        reader.close();
        api.close();
    }

    private static IngressPods pods() {
        return new IngressPods("ingress", SELECTOR, api.https().httpsUri(), api.tokenFile(), api.caFile());
    }

    private static String podList(String items) {
        return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
                + items + "]}";
    }

    /** A pod as the API server writes it, with its start time and its containers' statuses. */
    private static String pod(String name, String startTime, String containerStatuses) {
        return """
                {"metadata":{"name":"%s","namespace":"ingress"},"spec":{"containers":[{"name":"traefik"}]},\
                "status":{"phase":"Running","startTime":"%s","containerStatuses":[%s]}}"""
                .formatted(name, startTime, containerStatuses);
    }

    private static LbLookupException failing(IngressPods pods, Duration timeout) {
        LbLookupException e = assertThrows(LbLookupException.class, () -> reader.read(pods, timeout));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(TOKEN), () -> "token in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void readsEachPodsStartAndItsContainersCurrentAndPreviousStartsWithTheEncodedSelector() throws Exception {
        api.answer(URL, okJson(podList(pod("traefik-7d4b9c-x2x9z", "2026-12-02T03:00:00Z", """
                {"name":"traefik","restartCount":4,"ready":true,\
                "state":{"running":{"startedAt":"2026-12-02T05:10:02Z"}},\
                "lastState":{"terminated":{"exitCode":137,"startedAt":"2026-12-02T04:40:01Z",\
                "finishedAt":"2026-12-02T05:10:00Z"}}},\
                {"name":"sidecar","restartCount":1,"state":{"waiting":{"reason":"CrashLoopBackOff"}},\
                "lastState":{"terminated":{"startedAt":"2026-12-02T03:00:05Z","finishedAt":"2026-12-02T03:01:00Z"}}}""")
                + "," + pod("traefik-7d4b9c-q8m2n", "2026-12-02T05:30:00Z", """
                {"name":"traefik","restartCount":0,"state":{"running":{"startedAt":"2026-12-02T05:30:04Z"}},\
                "lastState":{}}"""))));

        assertEquals(List.of(
                new PodStarts("traefik-7d4b9c-x2x9z", List.of(Instant.parse("2026-12-02T03:00:00Z"),
                        Instant.parse("2026-12-02T03:00:05Z"), Instant.parse("2026-12-02T04:40:01Z"),
                        Instant.parse("2026-12-02T05:10:02Z")), 5),
                new PodStarts("traefik-7d4b9c-q8m2n", List.of(Instant.parse("2026-12-02T05:30:00Z"),
                        Instant.parse("2026-12-02T05:30:04Z")), 0)),
                reader.read(pods(), TIMEOUT));
        api.https().server().verify(getRequestedFor(urlEqualTo(URL))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void noMatchingPodIsAnEmptyList() throws Exception {
        api.answer(URL, okJson(podList("")));

        assertEquals(List.of(), reader.read(pods(), TIMEOUT));
    }

    @Test
    void aPodWithoutANameIsSkippedAndATimeThatIsNoTimeIsLeftOut() throws Exception {
        api.answer(URL, okJson(podList("{\"metadata\":{},\"status\":{\"startTime\":\"2026-12-02T03:00:00Z\"}},"
                + pod("traefik-a", "yesterday", """
                {"restartCount":2,"state":{"running":{"startedAt":"2026-12-02T05:10:02Z"}}}"""))));

        assertEquals(List.of(new PodStarts("traefik-a", List.of(Instant.parse("2026-12-02T05:10:02Z")), 2)),
                reader.read(pods(), TIMEOUT));
    }

    @Test
    void atMostFiftyPodsOfTwentyContainersEachAreRead() throws Exception {
        String container = "{\"restartCount\":1,\"state\":{\"running\":{\"startedAt\":\"2026-12-02T05:00:00Z\"}}}";
        String containers = IntStream.range(0, 21).mapToObj(i -> container).collect(Collectors.joining(","));
        String items = IntStream.range(0, 51).mapToObj(i -> pod("traefik-" + i, "2026-12-02T04:00:00Z", containers))
                .collect(Collectors.joining(","));
        api.answer(URL, okJson(podList(items)));

        List<PodStarts> read = reader.read(pods(), TIMEOUT);

        assertEquals(50, read.size());
        assertEquals(new PodStarts("traefik-49", List.of(Instant.parse("2026-12-02T04:00:00Z"),
                Instant.parse("2026-12-02T05:00:00Z")), 20), read.getLast());
    }

    @Test
    void forbiddenNamesTheRoleRuleForListingPods() {
        api.answer(URL, aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden: User \
                \\"system:serviceaccount:monitoring:vigil\\" cannot list resource \\"pods\\" in API group \\"\\" in \
                the namespace \\"ingress\\"","reason":"Forbidden","code":403}"""));

        assertEquals("forbidden (403): the service account needs `list` on `pods` in namespace ingress — a Role rule: "
                + "apiGroups: [\"\"], resources: [\"pods\"], verbs: [\"list\"]; the API server said: pods is forbidden: "
                + "User \"system:serviceaccount:monitoring:vigil\" cannot list resource \"pods\" in API group \"\" in "
                + "the namespace \"ingress\"", failing(pods(), TIMEOUT).getMessage());
    }

    @Test
    void anAnswerThatIsNoPodListIsRefused() {
        api.answer(URL, okJson("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"traefik-a\"}}"));

        assertEquals("the API server's answer for pods in ingress matching '" + SELECTOR + "' is not a pod list "
                + "(kind Pod)", failing(pods(), TIMEOUT).getMessage());
    }

    @Test
    void outsideAClusterTheMessageNamesTheIngressPodsSettings() {
        assertEquals("KUBERNETES_SERVICE_HOST is not set: not running in a cluster; set cert.ingressPods.apiUrl",
                failing(new IngressPods("ingress", SELECTOR, null, null, null), TIMEOUT).getMessage());
    }

    @Test
    void aSlowAnswerTimesOutNamingThePods() {
        try (KubernetesPods own = new KubernetesPods(Map.<String, String>of()::get, serviceAccountDir)) {
            String body = podList("");
            api.answer(URL, okJson(body).withChunkedDribbleDelay(body.length(), 2_000));
            LbLookupException e = assertThrows(LbLookupException.class,
                    () -> own.read(pods(), Duration.ofMillis(300)));
            assertEquals("the API server at " + api.https().httpsUri() + " did not finish its answer within 300ms "
                    + "(pods in ingress matching '" + SELECTOR + "')", e.getMessage());
        }
    }
}
