package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.AlertState;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.state.StateStore;
import dev.vigil.testing.Eventually;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against input that blocks or breaks what reads it: a config file swapped for a FIFO, a loader that throws,
 * a state directory that cannot be written. None of them may stop the other periodic work, hide the failure, or hold
 * up the stop.
 */
class AgentHostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private Agent agent;
    /** While set, every probe run fails, so the probe's alert fires: a state change that must be saved at once. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private Path fifo;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (fifo != null) {
            // Lets a loader still blocked opening the FIFO (a loader that does not check the file's type) go; left
            // blocked itself, harmlessly, when there is none.
            Thread.ofPlatform().daemon().start(() -> {
                try (OutputStream writer = Files.newOutputStream(fifo)) {
                    writer.flush();
                } catch (IOException e) {
                    // nobody to let go
                }
            });
        }
    }

    private Path config(String... names) throws IOException {
        Path file = dir.resolve("probes.json");
        Path next = dir.resolve("probes.json.new");
        List<String> probes = List.of(names).stream()
                .map(name -> "{\"name\": \"" + name + "\", \"url\": \"https://" + name + ".example.test/\"}").toList();
        Files.writeString(next, "{\"defaults\": {\"interval\": \"100ms\", \"timeout\": \"100ms\"}, \"probes\": ["
                + String.join(",", probes) + "]}");
        return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void start(ConfigSource source) throws Exception {
        agent = Agent.start(new AgentSettings(dir.resolve("probes.json"), new InetSocketAddress("127.0.0.1", 0), 8,
                Duration.ofMillis(50), Duration.ofSeconds(1), dir.resolve("state"), true), Clock.systemUTC(), source,
                spec -> new ProbeResult(Instant.now(), Duration.ZERO,
                        failing.get() ? new Failure(FailureKind.CONNECT_REFUSED, "refused") : null, null, null,
                        Phases.NONE, null, List.of()),
                (settings, names) -> List.of());
    }

    private Scrape scrapeWhen(String what, Predicate<Scrape> condition) {
        Scrape[] last = new Scrape[1];
        Eventually.until(WAIT, what, () -> condition.test(last[0] = Scrape.of(agent.address())));
        return last[0];
    }

    private HttpResponse<String> postReload() {
        return Scrape.send(agent.address(), HttpRequest.newBuilder(Scrape.uri(agent.address(), "/-/reload"))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private boolean firingSaved(String probe) {
        try {
            return StateStore.readUnlocked(dir.resolve("state")).alerts().stream()
                    .anyMatch(alert -> alert.probe().equals(probe) && alert.firing());
        } catch (IOException e) {
            return false; // nothing saved yet
        }
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo " + path);
    }

    @Test
    void aConfigSwappedForAFifoHoldsUpNeitherSavingNorLaterReloadsNorTheStop() throws Exception {
        config("first");
        start(new ConfigLoader(name -> null)::load);
        scrapeWhen("the probe reported", s -> s.value("probe_success", "probe", "first").isPresent());
        fifo = dir.resolve("fifo");
        mkfifo(fifo);

        // The config's path now leads to a FIFO, as a ConfigMap's path is a symlink that an update swaps.
        Path link = Files.createSymbolicLink(dir.resolve("probes.json.link"), fifo);
        Files.move(link, dir.resolve("probes.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        failing.set(true);

        Eventually.until(WAIT, "the firing alert saved while the config is a FIFO", () -> firingSaved("first"));
        scrapeWhen("the reload reported failed", s -> s.value("vigil_config_last_reload_successful").orElse(1) == 0);
        HttpResponse<String> post = postReload();
        assertEquals(500, post.statusCode(), post.body());
        assertTrue(post.body().contains(dir.resolve("probes.json").toString()), post.body());

        config("first", "second");
        Scrape applied = scrapeWhen("the next valid config applied",
                s -> s.value("probe_success", "probe", "second").isPresent());
        assertEquals(1.0, applied.value("vigil_config_last_reload_successful").orElseThrow());

        Thread closing = Thread.ofPlatform().start(agent::close);
        assertTrue(closing.join(Duration.ofSeconds(10)), "close() still running after 10 s");
    }

    @Test
    void aLoaderThatThrowsFailsTheReloadVisiblyAndReloadingGoesOn() throws Exception {
        ConfigLoader real = new ConfigLoader(name -> null);
        AtomicBoolean broken = new AtomicBoolean();
        config("first");
        start(file -> {
            if (broken.get()) {
                throw new IllegalStateException("the loader broke");
            }
            return real.load(file);
        });
        broken.set(true);

        config("first", "second");

        scrapeWhen("the reload reported failed", s -> s.value("vigil_config_last_reload_successful").orElse(1) == 0);
        HttpResponse<String> post = postReload();
        assertEquals(500, post.statusCode(), post.body());
        assertTrue(post.body().contains("java.lang.IllegalStateException: the loader broke"), post.body());
        broken.set(false);
        config("first", "third");
        Scrape applied = scrapeWhen("the periodic reload still running: the next change applied",
                s -> s.value("probe_success", "probe", "third").isPresent());
        assertEquals(1.0, applied.value("vigil_config_last_reload_successful").orElseThrow());
    }

    @Test
    void aFailedSaveIsCountedKeepsThePreviousFileAndIsRetried() throws Exception {
        config("first");
        start(new ConfigLoader(name -> null)::load);
        failing.set(true);
        Eventually.until(WAIT, "the firing alert saved", () -> firingSaved("first"));
        Path state = dir.resolve("state").resolve(StateStore.FILE_NAME);
        byte[] saved = Files.readAllBytes(state);
        // The temporary file's path taken by a directory: every save fails after the previous one.
        Path tmp = Files.createDirectories(dir.resolve("state").resolve(StateStore.FILE_NAME + ".tmp").resolve("x"))
                .getParent();

        failing.set(false); // the alert resolves: a change to save at once
        Scrape failed = scrapeWhen("two failed saves counted",
                s -> s.value("vigil_state_save_failures_total").orElse(0) >= 2);
        assertArrayEquals(saved, Files.readAllBytes(state), "the previous state file changed");
        assertTrue(failed.value("vigil_state_save_failures_total").isPresent());

        Files.delete(tmp.resolve("x"));
        Files.delete(tmp);
        Eventually.until(WAIT, "the resolved alert saved once saving works again", () -> !firingSaved("first"));
        assertFalse(Files.exists(tmp));
    }
}
