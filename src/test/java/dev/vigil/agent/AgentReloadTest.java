package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.testing.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config reload while running: by file change and by {@code POST /-/reload}, valid and not. */
class AgentReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private Path config(String probes) throws IOException {
        Path file = dir.resolve("probes.json");
        Path next = dir.resolve("probes.json.new");
        Files.writeString(next, "{\"defaults\": {\"interval\": \"100ms\", \"timeout\": \"100ms\"}, \"probes\": [" + probes + "]}");
        // Renamed into place, as editors and ConfigMap updates do, so the watcher never reads half a file.
        return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String probe(String name, String path) {
        return "{\"name\": \"" + name + "\", \"url\": \"https://" + name + ".example.test" + path + "\"}";
    }

    private void start(Path file, Duration checkEvery) throws Exception {
        // Results without network: every probe answers at once, as up.
        agent = Agent.start(new AgentSettings(file, new InetSocketAddress("127.0.0.1", 0), 8, checkEvery,
                Duration.ofSeconds(1), dir.resolve("state"), true), Clock.systemUTC(), new ConfigLoader(name -> null)::load,
                spec -> new ProbeResult(Instant.now(), Duration.ZERO, null, null, null, Phases.NONE, null, List.of()),
                (settings, names) -> List.of());
    }

    private Scrape scrapeWhen(String what, Predicate<Scrape> condition) {
        Scrape[] last = new Scrape[1];
        Eventually.until(WAIT, what, () -> condition.test(last[0] = Scrape.of(agent.address())));
        return last[0];
    }

    @Test
    void aChangedFileIsAppliedAndUnchangedProbesKeepRunning() throws Exception {
        Path file = config(String.join(",", probe("same", "/"), probe("changed", "/old"), probe("gone", "/")));
        start(file, Duration.ofMillis(50));
        scrapeWhen("all three reported", s -> s.value("probe_success", "probe", "gone").isPresent()
                && s.value("probe_success", "probe", "changed").isPresent());

        config(String.join(",", probe("same", "/"), probe("changed", "/new"), probe("added", "/")));

        Scrape scrape = scrapeWhen("the new config applied", s -> s.value("probe_success", "probe", "added").isPresent()
                && s.value("probe_success", "probe", "gone").isEmpty()
                && s.value("probe_success", "probe", "changed", "instance", "https://changed.example.test/new").isPresent());
        assertEquals(0, scrape.count("probe_success", "gone"), "a removed probe leaves no series behind");
        assertEquals(1, scrape.count("probe_success", "changed"), "a changed probe has only its new series");
        assertEquals(1.0, scrape.value("vigil_config_last_reload_successful").orElseThrow());
        assertEquals(3.0, scrape.value("vigil_probes_configured").orElseThrow());
    }

    @Test
    void anInvalidFileKeepsTheRunningConfigAndSaysWhy() throws Exception {
        Path file = config(probe("kept", "/"));
        start(file, Duration.ofMillis(50));
        scrapeWhen("the probe reported", s -> s.value("probe_success", "probe", "kept").isPresent());

        Files.writeString(file, "{\"probes\": [{\"name\": \"kept\", \"url\": \"https://kept.example.test/\", \"intervall\": \"1s\"}]}");

        Scrape rejected = scrapeWhen("the reload rejected", s -> s.value("vigil_config_last_reload_successful").orElse(1) == 0);
        double runs = rejected.value("vigil_probe_runs_total").orElseThrow();
        scrapeWhen("the old config still probing", s -> s.value("vigil_probe_runs_total").orElseThrow() > runs);
        HttpResponse<String> post = Scrape.send(agent.address(), HttpRequest.newBuilder(Scrape.uri(agent.address(), "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(500, post.statusCode());
        assertTrue(post.body().contains("probes.json:1:") && post.body().contains("unknown key 'intervall' (did you mean 'interval'?)"),
                post.body());
        assertEquals(1.0, Scrape.of(agent.address()).value("probe_success", "probe", "kept").orElseThrow());
    }

    @Test
    void postReloadAppliesAFileAtOnce() throws Exception {
        Path file = config(probe("first", "/"));
        start(file, Duration.ofHours(1));
        config(String.join(",", probe("first", "/"), probe("second", "/")));

        HttpResponse<String> post = Scrape.send(agent.address(), HttpRequest.newBuilder(Scrape.uri(agent.address(), "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, post.statusCode());
        assertTrue(post.body().contains("1 added, 0 changed, 0 removed, 1 unchanged"), post.body());
        scrapeWhen("the added probe reported", s -> s.value("probe_success", "probe", "second").isPresent());
    }
}
