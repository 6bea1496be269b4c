package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vigil.config.ConfigLoader;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.KubernetesApi;
import dev.vigil.testing.TestDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-balancer watch in a running agent, against a fake API server and an in-process DNS server: an Ingress whose
 * load balancer moves while DNS still answers the old address raises {@code lb_changed} at the webhook, naming both
 * addresses and the stale host; the fix resolves it; the Ingress deleted raises {@code lb_gone}.
 */
class BalancerWatchAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses";
    private static final String OLD = "203.0.113.7";
    private static final String NEW = "198.51.100.9";
    private static final String WEB = "web.example.test";
    private static final String API = "api.example.test";

    @TempDir
    Path dir;
    private KubernetesApi api;
    private TestDnsServer dns;
    private final WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private Agent agent;

    @BeforeEach
    void start() throws IOException {
        api = KubernetesApi.start(dir, "agent-token");
        dns = TestDnsServer.start();
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        receiver.stop();
        dns.close();
        api.close();
    }

    private static String ingress(String address, String version) {
        return ("{'metadata': {'namespace': 'shop', 'name': 'web', 'resourceVersion': '" + version + "'},"
                + " 'spec': {'rules': [{'host': '" + WEB + "'}, {'host': '" + API + "'}]},"
                + " 'status': {'loadBalancer': {'ingress': [{'ip': '" + address + "'}]}}}").replace('\'', '"');
    }

    private void pointAt(String host, String address) {
        dns.answer(host, RecordType.A, new DnsRecord(host, RecordType.A, 3600, address));
        dns.answer(host, RecordType.AAAA, List.of(), List.of());
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("vigil.json"), ("{'defaults': {'interval': '100ms', 'timeout': '100ms'},"
                + " 'outputs': {'webhooks': [{'name': 'hook', 'url': 'http://127.0.0.1:" + receiver.port() + "/hook'}]},"
                + " 'discovery': {" + api.access() + ", 'sources': [{'kind': 'ingress', 'namespaces': ['shop'],"
                + " 'template': {'dns': {'resolvers': ['127.0.0.1:" + dns.port() + "'], 'authoritative': false}}}]}}")
                .replace('\'', '"'));
    }

    private Agent startAgent(InetSocketAddress listen) throws Exception {
        // Results without network: every probe answers at once, as up, so only the balancer watch alerts.
        return Agent.start(new AgentSettings(config(), listen, 8, Duration.ofHours(1), Duration.ofSeconds(1),
                dir.resolve("state"), false), Clock.systemUTC(), new ConfigLoader(name -> null)::load,
                spec -> new ProbeResult(Instant.now(), Duration.ZERO, null, null, null, Phases.NONE, null, List.of()),
                (settings, names) -> List.of());
    }

    private List<JsonNode> received() {
        return receiver.getAllServeEvents().reversed().stream().map(ServeEvent::getRequest).map(request -> {
            try {
                return JSON.readTree(request.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private JsonNode receivedWhen(String what, String type, String condition) {
        JsonNode[] found = new JsonNode[1];
        Eventually.until(WAIT, what, () -> (found[0] = received().stream().filter(n -> n.get("type").asText()
                .equals(type) && n.get("condition").asText().equals(condition)).findFirst().orElse(null)) != null);
        return found[0];
    }

    @Test
    void aMovedBalancerAlertsWithTheHostsStillOnItsOldAddressUntilDnsFollowsAndItsDeletionToo() throws Exception {
        api.step(INGRESSES + "?limit=500", STARTED, "quiet", okJson("{\"metadata\":{\"resourceVersion\":\"10\"},"
                + "\"items\":[" + ingress(OLD, "3") + "]}"));
        api.step(KubernetesApi.watch(INGRESSES, "10", 300), "quiet", "quiet", aResponse().withStatus(200).withBody(""));
        api.step(KubernetesApi.watch(INGRESSES, "10", 300), "move", "quiet", aResponse().withStatus(200).withBody(
                KubernetesApi.event("MODIFIED", ingress(NEW, "11"))));
        api.step(KubernetesApi.watch(INGRESSES, "11", 300), "quiet", "quiet", aResponse().withStatus(200).withBody(""));
        api.step(KubernetesApi.watch(INGRESSES, "11", 300), "delete", "quiet", aResponse().withStatus(200).withBody(
                KubernetesApi.event("DELETED", ingress(NEW, "12"))));
        api.step(KubernetesApi.watch(INGRESSES, "12", 300), "quiet", "quiet", aResponse().withStatus(200).withBody(""));
        pointAt(WEB, OLD);
        pointAt(API, NEW); // already moved by hand
        agent = startAgent(new InetSocketAddress("127.0.0.1", 0));
        Eventually.until(WAIT, "the ingress probed", () -> Scrape.of(agent.address()).value("probe_success", "probe",
                "ingress/shop/web/" + WEB).isPresent());

        api.become("move");
        JsonNode changed = receivedWhen("the lb_changed alert", "firing", "lb_changed");
        assertEquals(1, received().size(), "nothing but the balancer's alert: " + received());
        assertEquals("ingress shop/web", changed.get("probe").asText());
        String summary = changed.get("summary").asText();
        assertTrue(summary.startsWith("load balancer of ingress shop/web changed from " + OLD + " to " + NEW + " at "),
                summary);
        assertTrue(summary.endsWith("; 1 host still resolves to " + OLD + " (" + WEB + "); records have TTL 1h, so"
                + " clients keep the old address for up to 1h after the records are fixed"), summary);
        assertEquals(API + " " + WEB, changed.get("facts").get("Hosts").asText());
        assertEquals(1.0, Scrape.of(agent.address()).value("vigil_lb_address_changes_total", "balancer",
                "ingress shop/web", "change", "moved").orElseThrow());

        pointAt(WEB, NEW);
        JsonNode resolved = receivedWhen("the lb_changed alert resolved", "resolved", "lb_changed");
        assertEquals("ingress shop/web", resolved.get("probe").asText());

        api.become("delete");
        JsonNode gone = receivedWhen("the lb_gone alert", "firing", "lb_gone");
        assertTrue(gone.get("summary").asText().contains(" was deleted at ")
                && gone.get("summary").asText().endsWith("(it had " + NEW + "); 2 hosts still resolve to " + NEW + " ("
                        + API + ", " + WEB + "); records have TTL 1h, so clients keep the old address for up to 1h"
                        + " after the records are fixed"), gone.toString());
    }

    @Test
    void aConfiguredProbesServiceThatMovesBetweenTwoRunsAlertsWithTheHostStillOnItsOldAddress() throws Exception {
        // What each run reads from the Service its DNS check expects (the real read is ExpectedAddresses'): OLD, then NEW.
        AtomicReference<String> service = new AtomicReference<>(OLD);
        pointAt(WEB, OLD);
        Path config = Files.writeString(dir.resolve("vigil.json"), ("{'defaults': {'interval': '100ms', 'timeout':"
                + " '100ms'}, 'outputs': {'webhooks': [{'name': 'hook', 'url': 'http://127.0.0.1:" + receiver.port()
                + "/hook'}]}, 'probes': [{'name': 'web', 'url': 'https://" + WEB + "/', 'dns': {'resolvers':"
                + " ['127.0.0.1:" + dns.port() + "'], 'authoritative': false, 'expect': {'kubernetesService':"
                + " {'namespace': 'ingress', 'name': 'traefik', " + api.access() + "}}}}]}").replace('\'', '"'));
        agent = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 8, Duration.ofHours(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(),
                new ConfigLoader(name -> null)::load,
                spec -> new ProbeResult(Instant.now(), Duration.ZERO, null, null, null, Phases.NONE,
                        new DnsFacts(WEB, List.of(), List.of(service.get()), "kubernetes service ingress/traefik", null,
                                List.of(), List.of(), 3600L, false, false), List.of()),
                (settings, names) -> List.of());
        Eventually.until(WAIT, "the probe run", () -> Scrape.of(agent.address()).value("probe_success", "probe", "web")
                .isPresent());

        service.set(NEW);
        JsonNode changed = receivedWhen("the lb_changed alert", "firing", "lb_changed");
        assertEquals("service ingress/traefik", changed.get("probe").asText());
        String summary = changed.get("summary").asText();
        assertTrue(summary.startsWith("load balancer of service ingress/traefik changed from " + OLD + " to " + NEW),
                summary);
        assertTrue(summary.contains("1 host still resolves to " + OLD + " (" + WEB + ")"), summary);

        pointAt(WEB, NEW);
        receivedWhen("the lb_changed alert resolved", "resolved", "lb_changed");
    }

    @Test
    void theNextAgentTakesOverAFiringAlertAndResolvesIt() throws Exception {
        String list = INGRESSES + "?limit=500";
        api.step(list, STARTED, "quiet", okJson("{\"metadata\":{\"resourceVersion\":\"10\"},"
                + "\"items\":[" + ingress(OLD, "3") + "]}"));
        api.step(KubernetesApi.watch(INGRESSES, "10", 300), "quiet", "quiet", aResponse().withStatus(200).withBody(""));
        api.step(KubernetesApi.watch(INGRESSES, "10", 300), "move", "quiet", aResponse().withStatus(200).withBody(
                KubernetesApi.event("MODIFIED", ingress(NEW, "11"))));
        api.step(KubernetesApi.watch(INGRESSES, "11", 300), "quiet", "quiet", aResponse().withStatus(200).withBody(""));
        api.step(list, "quiet", "quiet", okJson("{\"metadata\":{\"resourceVersion\":\"11\"},"
                + "\"items\":[" + ingress(NEW, "11") + "]}"));
        pointAt(WEB, OLD);
        pointAt(API, NEW);
        agent = startAgent(new InetSocketAddress("127.0.0.1", 0));
        Eventually.until(WAIT, "the ingress probed", () -> Scrape.of(agent.address()).value("probe_success", "probe",
                "ingress/shop/web/" + WEB).isPresent());
        api.become("move");
        receivedWhen("the lb_changed alert", "firing", "lb_changed");
        agent.close();
        agent = null;

        pointAt(WEB, NEW);
        agent = startAgent(new InetSocketAddress("127.0.0.1", 0));
        // The next agent sees no change (its first look is the moved ingress), yet asks the firing alert's hosts again.
        JsonNode resolved = receivedWhen("the lb_changed alert resolved", "resolved", "lb_changed");
        assertEquals("ingress shop/web", resolved.get("probe").asText());
        assertEquals(2, received().size(), "firing, then resolved: " + received());
    }

    @Test
    void aStartThatCannotListenLeavesNoDiscoveryBehind() throws Exception {
        String list = INGRESSES + "?limit=500";
        api.step(list, STARTED, STARTED, okJson("{\"metadata\":{\"resourceVersion\":\"10\"},"
                + "\"items\":[" + ingress(OLD, "3") + "]}"));
        api.step(KubernetesApi.watch(INGRESSES, "10", 300), STARTED, STARTED, aResponse().withStatus(200).withBody(""));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThrows(IOException.class, () -> startAgent(new InetSocketAddress("127.0.0.1", taken.getLocalPort())));
        }

        agent = startAgent(new InetSocketAddress("127.0.0.1", 0));
        Eventually.until(WAIT, "the ingress probed", () -> Scrape.of(agent.address()).value("probe_success", "probe",
                "ingress/shop/web/" + WEB).isPresent());
        // A discovery the failed start left running would have listed long before this agent's probe ran.
        assertEquals(1, api.https().server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(list)).count(), "lists: only the running agent's");
    }
}
