package dev.vigil.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.config.DiscoveryConfig;
import dev.vigil.lb.ListWatch;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.KubernetesApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import dev.vigil.lb.LbIngress;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against a fake API server: probes appear with an ADDED event and go with DELETED or a relist. */
class DiscovererTest {
    private static final String TOKEN = "discovery-token";
    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses";
    private static final ListWatch.Limits LIMITS = new ListWatch.Limits(100, 1 << 20, 1 << 16,
            Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(20), Duration.ofMillis(100));

    @TempDir
    Path dir;
    private KubernetesApi api;

    @BeforeEach
    void start() {
        api = KubernetesApi.start(dir, TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private DiscoveryConfig config() {
        return RouteObjects.config(dir, api.access(), "{'kind': 'ingress', 'namespaces': ['shop']}");
    }

    private static String ingress(String name, String host, String version) {
        return ("{'metadata': {'namespace': 'shop', 'name': '" + name + "', 'resourceVersion': '" + version + "'},"
                + " 'spec': {'rules': [{'host': '" + host + "'}]},"
                + " 'status': {'loadBalancer': {'ingress': [{'ip': '203.0.113.7'}]}}}").replace('\'', '"');
    }

    private static String list(String version, String... items) {
        return "{\"kind\":\"IngressList\",\"metadata\":{\"resourceVersion\":\"" + version + "\"},\"items\":["
                + String.join(",", items) + "]}";
    }

    private void step(String url, String state, String next, ResponseDefinitionBuilder response) {
        api.step(url, state, next, response);
    }

    private static String watch(String version) {
        return KubernetesApi.watch(INGRESSES, version, 60);
    }

    private static List<String> names(Discoverer discoverer) {
        return discoverer.current().probes().stream().map(p -> p.probe().name()).toList();
    }

    @Test
    void aDryRunListsOnceAndMakesTheProbes() throws Exception {
        step(INGRESSES + "?limit=500", STARTED, STARTED, okJson(list("10", ingress("web", "shop.example.com", "3"))));

        try (Discoverer discoverer = new Discoverer(config(), LIMITS, Map.<String, String>of()::get, dir,
                ListWatch.Pause.REAL, () -> { })) {
            Discovery.Result result = discoverer.listOnce();

            assertEquals(List.of("ingress/shop/web/shop.example.com"), names(discoverer));
            assertEquals("203.0.113.7", result.probes().getFirst().expected().getFirst().ip());
            // An unchanged route's probe is not made again: deciding again after one change costs that change only.
            assertSame(result.probes().getFirst().probe(), discoverer.current().probes().getFirst().probe());
        }
    }

    @Test
    void probesFollowAddedAndDeletedEventsAndAWatchThatBreaksRemovesNothing() {
        step(INGRESSES + "?limit=500", STARTED, "watch", okJson(list("10", ingress("web", "shop.example.com", "3"))));
        step(watch("10"), "watch", "broken", aResponse().withStatus(200).withBody(
                KubernetesApi.event("ADDED", ingress("api", "api.example.com", "11"))));
        step(watch("11"), "broken", "deleting", aResponse().withStatus(500).withBody("{\"kind\":\"Status\"}"));
        step(watch("11"), "deleting", "quiet", aResponse().withStatus(200).withBody(
                KubernetesApi.event("DELETED", ingress("web", "shop.example.com", "12"))));
        step(watch("12"), "quiet", "quiet", aResponse().withStatus(200).withBody(""));

        List<List<String>> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Discoverer> self = new AtomicReference<>();
        try (Discoverer discoverer = new Discoverer(config(), LIMITS, Map.<String, String>of()::get, dir,
                ListWatch.Pause.REAL, () -> seen.add(names(self.get())))) {
            self.set(discoverer);
            discoverer.start();

            Eventually.until(Duration.ofSeconds(5), "the deleted ingress's probe is gone",
                    () -> names(discoverer).equals(List.of("ingress/shop/api/api.example.com")));
        }
        // The ADDED probe appeared, both survived the failed watch, and only DELETED removed one.
        assertEquals(List.of(List.of("ingress/shop/web/shop.example.com"),
                List.of("ingress/shop/api/api.example.com", "ingress/shop/web/shop.example.com"),
                List.of("ingress/shop/api/api.example.com")), seen);
        assertEquals(2, api.https().server().findAll(getRequestedFor(urlEqualTo(watch("11")))).size());
    }

    private static final String ROUTES = "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes";
    private static final String GATEWAYS = "/apis/gateway.networking.k8s.io/v1/namespaces/%s/gateways";

    private static String route(String parentRefs) {
        return ("{'metadata': {'namespace': 'shop', 'name': 'web', 'resourceVersion': '3'}, 'spec': {'parentRefs': ["
                + parentRefs + "], 'hostnames': ['shop.example.com']}}").replace('\'', '"');
    }

    private static String gateway(String namespace, String address) {
        return ("{'metadata': {'namespace': '" + namespace + "', 'name': 'gw', 'resourceVersion': '5'},"
                + " 'spec': {'listeners': [{'name': 'https', 'protocol': 'HTTPS', 'port': 443}]},"
                + " 'status': {'addresses': [{'type': 'IPAddress', 'value': '" + address + "'}]}}").replace('\'', '"');
    }

    private List<String> expectedOfRoute(String parentRefs) throws Exception {
        step(ROUTES + "?limit=500", STARTED, STARTED, okJson(list("10", route(parentRefs))));
        step(GATEWAYS.formatted("shop") + "?limit=500", STARTED, STARTED, okJson(list("10",
                gateway("shop", "203.0.113.1"))));
        step(GATEWAYS.formatted("infra") + "?limit=500", STARTED, STARTED, okJson(list("10",
                gateway("infra", "203.0.113.2"))));
        try (Discoverer discoverer = new Discoverer(RouteObjects.config(dir, api.access(),
                "{'kind': 'httproute', 'namespaces': ['shop']}"), LIMITS, Map.<String, String>of()::get, dir,
                ListWatch.Pause.REAL, () -> { })) {
            Discovery.Result result = discoverer.listOnce();
            return result.probes().stream().flatMap(p -> Stream.concat(Stream.of(p.probe().spec().url().toString()),
                    p.expected().stream().map(LbIngress::ip))).toList();
        }
    }

    /** A parentRef's namespace is where its Gateway is read, though the source's namespaces do not include it. */
    @Test
    void aRoutesParentGatewayIsReadInTheNamespaceItsRefNames() throws Exception {
        assertEquals(List.of("https://shop.example.com/", "203.0.113.2"),
                expectedOfRoute("{'name': 'gw', 'namespace': 'infra'}".replace('\'', '"')));
        assertEquals(List.of("https://shop.example.com/", "203.0.113.1"), expectedOfRoute("{\"name\": \"gw\"}"));
        assertEquals(List.of("https://shop.example.com/", "203.0.113.1", "203.0.113.2"),
                expectedOfRoute("{'name': 'gw'}, {'name': 'gw', 'namespace': 'infra'}".replace('\'', '"')));
    }

    /** At most {@link Discoverer#MAX_PARENT_NAMESPACES} namespaces' Gateways are read for a source, its own first. */
    @Test
    void theNamespacesWhoseGatewaysAreReadAreBounded() throws Exception {
        String parents = IntStream.range(0, 60).mapToObj(i -> "{\"name\": \"gw\", \"namespace\": \"ns-" + i + "\"}")
                .collect(Collectors.joining(", "));
        api.https().server().stubFor(get(urlPathMatching(".*/httproutes")).willReturn(okJson(list("10",
                route(parents)))));
        api.https().server().stubFor(get(urlPathMatching(".*/gateways")).willReturn(okJson(list("10"))));
        // One more than the bound: a source's own namespaces are read whatever their number, and none more.
        String many = IntStream.range(0, Discoverer.MAX_PARENT_NAMESPACES + 1).mapToObj(i -> "'own-" + i + "'")
                .collect(Collectors.joining(", "));

        assertEquals(2 + Discoverer.MAX_PARENT_NAMESPACES - 1, collectionsAfterListing("['shop']"));
        assertEquals(2 * (Discoverer.MAX_PARENT_NAMESPACES + 1), collectionsAfterListing("[" + many + "]"));
    }

    private int collectionsAfterListing(String namespaces) throws Exception {
        try (Discoverer discoverer = new Discoverer(RouteObjects.config(dir, api.access(),
                "{'kind': 'httproute', 'namespaces': " + namespaces + "}"), LIMITS, Map.<String, String>of()::get, dir,
                ListWatch.Pause.REAL, () -> { })) {
            discoverer.listOnce();
            return discoverer.collections().size();
        }
    }

    /** While running, the Gateway of another namespace is followed too: its address changes reach the probe. */
    @Test
    void aWatchedRouteFollowsItsParentGatewayInAnotherNamespace() {
        step(ROUTES + "?limit=500", STARTED, STARTED, okJson(list("10", route("{\"name\": \"gw\", \"namespace\":"
                + " \"infra\"}"))));
        step(KubernetesApi.watch(ROUTES, "10", 60), STARTED, STARTED, aResponse().withStatus(200).withBody(""));
        step(GATEWAYS.formatted("shop") + "?limit=500", STARTED, STARTED, okJson(list("10")));
        step(KubernetesApi.watch(GATEWAYS.formatted("shop"), "10", 60), STARTED, STARTED,
                aResponse().withStatus(200).withBody(""));
        step(GATEWAYS.formatted("infra") + "?limit=500", STARTED, STARTED, okJson(list("10",
                gateway("infra", "203.0.113.2"))));
        step(KubernetesApi.watch(GATEWAYS.formatted("infra"), "10", 60), STARTED, "moved", aResponse().withStatus(200)
                .withBody(KubernetesApi.event("MODIFIED", gateway("infra", "203.0.113.9"))));
        step(KubernetesApi.watch(GATEWAYS.formatted("infra"), "5", 60), "moved", "moved",
                aResponse().withStatus(200).withBody(""));

        try (Discoverer discoverer = new Discoverer(RouteObjects.config(dir, api.access(),
                "{'kind': 'httproute', 'namespaces': ['shop']}"), LIMITS, Map.<String, String>of()::get, dir,
                ListWatch.Pause.REAL, () -> { })) {
            discoverer.start();
            Eventually.until(Duration.ofSeconds(10), "the infra Gateway's moved address expected", () -> {
                List<DiscoveredProbe> probes = discoverer.current().probes();
                return probes.size() == 1 && probes.getFirst().expected().equals(List.of(
                        new LbIngress("203.0.113.9", null)));
            });
        }
    }

    @Test
    void eachSourceIsReadInEachOfItsNamespacesWithWhatItsAddressesComeFrom() {
        DiscoveryConfig config = RouteObjects.config(dir, "'apiUrl': 'https://k8s.example:6443'",
                "{'kind': 'httproute', 'namespaces': ['shop', 'api'], 'labelSelector': 'team=shop'},"
                        + " {'kind': 'ingressroute', 'loadBalancerService': 'ingress/traefik'}, {'kind': 'ingress'}");

        try (Discoverer discoverer = new Discoverer(config, LIMITS, Map.<String, String>of()::get, dir,
                ListWatch.Pause.REAL, () -> { })) {
            assertEquals(List.of(
                    "httproutes in namespace api matching 'team=shop' for discovery.sources[0]",
                    "gateways in namespace api for discovery.sources[0]",
                    "httproutes in namespace shop matching 'team=shop' for discovery.sources[0]",
                    "gateways in namespace shop for discovery.sources[0]",
                    "ingressroutes in all namespaces for discovery.sources[1]",
                    "services in namespace ingress for discovery.sources[1]",
                    "ingresses in all namespaces for discovery.sources[2]"),
                    discoverer.collections().stream().map(c -> c.subject() + " for " + c.settings()).toList());
        }
    }
}
