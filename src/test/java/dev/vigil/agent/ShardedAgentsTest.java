package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.config.AgentOverrides;
import dev.vigil.config.ConfigLoader;
import dev.vigil.fleet.Shard;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.testing.Eventually;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents of a fleet over one config: each runs its shard's probes, and carries its location. */
class ShardedAgentsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern PROBE = Pattern.compile("^probe_success\\{probe=\"([^\"]+)\"", Pattern.MULTILINE);
    private static final List<String> NAMES = IntStream.range(0, 12).mapToObj(i -> "site-" + i).toList();

    @TempDir
    Path dir;

    private final List<Agent> agents = new ArrayList<>();

    @AfterEach
    void stop() {
        agents.forEach(Agent::close);
    }

    private Path config(String agentSection) throws Exception {
        String probes = NAMES.stream().map(name -> "{\"name\": \"" + name + "\", \"url\": \"https://" + name
                + ".example.test/\"}").collect(Collectors.joining(","));
        return Files.writeString(dir.resolve("probes.json"), "{" + agentSection
                + "\"defaults\": {\"interval\": \"100ms\", \"timeout\": \"100ms\"}, \"probes\": [" + probes + "]}");
    }

    private Agent start(Path file, AgentOverrides overrides, String stateDir) throws Exception {
        // Results without network: every probe answers at once, as up.
        Agent agent = Agent.start(new AgentSettings(file, new InetSocketAddress("127.0.0.1", 0), 8,
                Duration.ofHours(1), Duration.ofSeconds(1), dir.resolve(stateDir), false), Clock.systemUTC(),
                new ConfigLoader(name -> null, () -> "host-1").asAgent(overrides)::load,
                spec -> new ProbeResult(Instant.now(), Duration.ZERO, null, null, null, Phases.NONE, null, List.of()),
                (settings, names) -> List.of());
        agents.add(agent);
        return agent;
    }

    /** The probes with a {@code probe_success} series, once {@code expected} many have one. */
    private static Set<String> probed(Agent agent, long expected) {
        Set<String>[] probes = new Set[1];
        Eventually.until(WAIT, expected + " probes reported", () -> {
            probes[0] = new HashSet<>();
            Matcher m = PROBE.matcher(Scrape.of(agent.address()).text());
            while (m.find()) {
                probes[0].add(m.group(1));
            }
            return probes[0].size() >= expected;
        });
        return probes[0];
    }

    @Test
    void twoShardsRunDisjointProbesWhoseUnionIsEveryProbe() throws Exception {
        Path file = config("");
        Agent first = start(file, new AgentOverrides(null, null, new Shard(0, 2)), "state-0");
        Agent second = start(file, new AgentOverrides(null, null, new Shard(1, 2)), "state-1");
        long firstCount = (long) Scrape.of(first.address()).value("vigil_probes_configured").orElseThrow();
        long secondCount = (long) Scrape.of(second.address()).value("vigil_probes_configured").orElseThrow();

        Set<String> firstProbes = probed(first, firstCount);
        Set<String> secondProbes = probed(second, secondCount);

        assertEquals(NAMES.size(), firstCount + secondCount, "vigil_probes_configured counts each agent's own");
        assertTrue(firstCount > 0 && secondCount > 0, firstCount + " and " + secondCount);
        assertEquals(firstCount, firstProbes.size());
        assertEquals(Set.of(), firstProbes.stream().filter(secondProbes::contains).collect(Collectors.toSet()));
        Set<String> union = new HashSet<>(firstProbes);
        union.addAll(secondProbes);
        assertEquals(Set.copyOf(NAMES), union);
        Scrape scrape = Scrape.of(second.address());
        assertEquals(1.0, scrape.value("vigil_shard_info", "index", "1", "count", "2").orElseThrow());
        assertEquals(1.0, scrape.value("vigil_agent_info", "name", "host-1", "location", "").orElseThrow());
    }

    @Test
    void aReloadThatChangesTheShardRunsTheNewShare() throws Exception {
        Path file = config("\"agent\": {\"shard\": {\"index\": 0, \"count\": 2}},");
        Agent agent = start(file, AgentOverrides.NONE, "state");
        long half = (long) Scrape.of(agent.address()).value("vigil_probes_configured").orElseThrow();
        config("\"agent\": {\"shard\": {\"index\": 2, \"count\": 3}},");

        assertTrue(agent.reload().applied());

        long third = NAMES.stream().filter(new Shard(2, 3)::owns).count();
        Set<String> probed = probed(agent, third);
        Scrape scrape = Scrape.of(agent.address());
        assertEquals(third, (long) scrape.value("vigil_probes_configured").orElseThrow());
        assertEquals(NAMES.stream().filter(new Shard(2, 3)::owns).collect(Collectors.toSet()), probed,
                "the probes of shard 0/2 that are not shard 2/3's left with their series");
        assertTrue(scrape.value("vigil_shard_info", "index", "2", "count", "3").isPresent(), scrape.text());
        assertTrue(scrape.value("vigil_shard_info", "index", "0", "count", "2").isEmpty(), scrape.text());
        assertTrue(half > 0 && third > 0, half + ", " + third);
    }

    @Test
    void aLocatedAgentsProbeSeriesCarryItsLocation() throws Exception {
        Agent agent = start(config("\"agent\": {\"name\": \"probe-eu\", \"location\": \"eu-west\"},"),
                AgentOverrides.NONE, "state");

        probed(agent, NAMES.size());

        Scrape scrape = Scrape.of(agent.address());
        List<String> probeLines = scrape.text().lines().filter(line -> line.startsWith("probe_")).toList();
        assertTrue(probeLines.size() > NAMES.size(), scrape.text());
        assertTrue(probeLines.stream().allMatch(line -> line.contains(",location=\"eu-west\"")), scrape.text());
        assertEquals(1.0, scrape.value("vigil_agent_info", "name", "probe-eu", "location", "eu-west").orElseThrow());
        assertEquals(1.0, scrape.value("vigil_shard_info", "index", "0", "count", "1").orElseThrow());
    }

    @Test
    void aLocatedAgentsPushesCarryItsLocation() throws Exception {
        WireMockServer pushgateway = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pushgateway.start();
        try {
            pushgateway.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
            start(config("\"agent\": {\"location\": \"eu-west\"}, \"outputs\": {\"pushgateway\": {\"url\": \""
                    + pushgateway.baseUrl() + "\", \"interval\": \"200ms\", \"timeout\": \"200ms\","
                    + " \"compression\": \"none\"}},"), AgentOverrides.NONE, "state");

            String[] pushed = new String[1];
            Eventually.until(WAIT, "a push with every probe", () -> pushgateway.findAll(putRequestedFor(anyUrl()))
                    .stream().map(LoggedRequest::getBodyAsString).anyMatch(body -> (pushed[0] = body).lines()
                            .filter(line -> line.startsWith("probe_success{")).count() == NAMES.size()));

            List<String> probeLines = pushed[0].lines().filter(line -> line.startsWith("probe_")).toList();
            assertTrue(probeLines.stream().allMatch(line -> line.contains(",location=\"eu-west\"")), pushed[0]);
        } finally {
            pushgateway.stop();
        }
    }

    @Test
    void aSingleAgentShowsNoFleetSeries() throws Exception {
        Agent agent = start(config(""), AgentOverrides.NONE, "state");

        probed(agent, NAMES.size());

        String page = Scrape.of(agent.address()).text();
        assertTrue(!page.contains("vigil_agent_info") && !page.contains("vigil_shard_info") && !page.contains("location"),
                page);
    }
}
