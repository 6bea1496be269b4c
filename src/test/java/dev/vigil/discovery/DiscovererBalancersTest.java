package dev.vigil.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.lb.LbIngress;
import dev.vigil.lb.ListWatch;
import dev.vigil.testing.KubernetesApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load balancers discovery holds, listed from a fake API server: the Ingresses of an {@code ingress} source, the
 * Gateways of an {@code httproute} source and the {@code loadBalancerService} of an {@code ingressroute} source, and
 * no other Service of its namespace.
 */
class DiscovererBalancersTest {
    @TempDir
    Path dir;
    private KubernetesApi api;

    @BeforeEach
    void start() {
        api = KubernetesApi.start(dir, "balancers-token");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void list(String collection, String... items) {
        api.step(collection + "?limit=500", STARTED, STARTED, okJson(("{'metadata': {'resourceVersion': '10'}, 'items': ["
                + String.join(",", items) + "]}").replace('\'', '"')));
    }

    @Test
    void theBalancersOfEverySourceAreNamedWithTheirAddresses() throws Exception {
        list("/apis/networking.k8s.io/v1/namespaces/shop/ingresses", "{'metadata': {'namespace': 'shop', 'name':"
                + " 'web'}, 'spec': {'rules': [{'host': 'web.example.test'}]}, 'status': {'loadBalancer': {'ingress':"
                + " [{'ip': '203.0.113.7'}]}}}");
        list("/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes");
        list("/apis/gateway.networking.k8s.io/v1/namespaces/shop/gateways", "{'metadata': {'namespace': 'shop',"
                + " 'name': 'public'}, 'status': {'addresses': [{'type': 'IPAddress', 'value': '198.51.100.9'}]}}");
        list("/apis/traefik.io/v1alpha1/namespaces/shop/ingressroutes");
        list("/api/v1/namespaces/kube-system/services", "{'metadata': {'namespace': 'kube-system', 'name': 'traefik'},"
                + " 'status': {'loadBalancer': {'ingress': [{'hostname': 'a1.elb.example.net'}]}}}",
                "{'metadata': {'namespace': 'kube-system', 'name': 'kube-dns'}}");
        try (Discoverer discoverer = new Discoverer(RouteObjects.config(dir, api.access(),
                "{'kind': 'ingress', 'namespaces': ['shop']}, {'kind': 'httproute', 'namespaces': ['shop']},"
                        + " {'kind': 'ingressroute', 'namespaces': ['shop'], 'loadBalancerService': 'kube-system/traefik'}"),
                ListWatch.Limits.DEFAULT, Map.<String, String>of()::get, dir, ListWatch.Pause.REAL, () -> { })) {
            discoverer.listOnce();

            assertEquals(Map.of("ingress shop/web", List.of(new LbIngress("203.0.113.7", null)),
                    "gateway shop/public", List.of(new LbIngress("198.51.100.9", null)),
                    "service kube-system/traefik", List.of(new LbIngress(null, "a1.elb.example.net"))),
                    discoverer.balancers());
        }
    }
}
