package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.fleet.Shard;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.KubernetesApi;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard's agent runs only its share of what discovery finds. */
class ShardedDiscoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses";

    @TempDir
    Path dir;
    private KubernetesApi api;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static String ingress(String name) {
        return ("{'metadata': {'namespace': 'shop', 'name': '" + name + "', 'resourceVersion': '3'},"
                + " 'spec': {'rules': [{'host': '" + name + ".example.test'}]}}").replace('\'', '"');
    }

    @Test
    void aShardRunsOnlyItsShareOfTheDiscoveredProbes() throws Exception {
        api = KubernetesApi.start(dir, "agent-token");
        List<String> names = IntStream.range(0, 8).mapToObj(i -> "site" + i).toList();
        api.step(INGRESSES + "?limit=500", STARTED, "quiet", okJson("{\"metadata\":{\"resourceVersion\":\"10\"},"
                + "\"items\":[" + names.stream().map(ShardedDiscoveryTest::ingress).collect(Collectors.joining(","))
                + "]}"));
        api.step(KubernetesApi.watch(INGRESSES, "10", 300), "quiet", "quiet", aResponse().withStatus(200).withBody(""));
        Path file = Files.writeString(dir.resolve("vigil.json"), ("{'agent': {'shard': {'index': 1, 'count': 2}},"
                + " 'defaults': {'interval': '100ms', 'timeout': '100ms'}, 'discovery': {" + api.access()
                + ", 'sources': [{'kind': 'ingress', 'namespaces': ['shop']}]}}").replace('\'', '"'));
        List<String> own = names.stream().map(name -> "ingress/shop/" + name + "/" + name + ".example.test")
                .filter(new Shard(1, 2)::owns).toList();
        // Results without network: every probe answers at once, as up.
        agent = Agent.start(new AgentSettings(file, new InetSocketAddress("127.0.0.1", 0), 8, Duration.ofHours(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(), new ConfigLoader(name -> null)::load,
                spec -> new ProbeResult(Instant.now(), Duration.ZERO, null, null, null, Phases.NONE, null, List.of()),
                (settings, probes) -> List.of());

        Scrape[] last = new Scrape[1];
        Eventually.until(WAIT, "the shard's discovered probes run", () -> {
            last[0] = Scrape.of(agent.address());
            return own.stream().allMatch(name -> last[0].value("probe_success", "probe", name).isPresent());
        });

        Scrape scrape = last[0];
        assertTrue(own.size() > 0 && own.size() < names.size(), own.toString());
        assertEquals(own.size(), scrape.text().lines().filter(line -> line.startsWith("probe_success{")).count(),
                scrape.text());
        assertEquals(own.size(), (long) scrape.value("vigil_probes_configured").orElseThrow());
    }
}
