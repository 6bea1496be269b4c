package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CertStatus;
import dev.vigil.config.AllowedTarget;
import dev.vigil.config.ProbeConfig;
import dev.vigil.config.ProbeModule;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.TlsSpec;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /probe}'s decisions with a fake prober: which requests run, which are refused and how. */
class ProbeEndpointTest {
    private static final Instant START = Instant.parse("2026-12-02T07:00:00Z");
    private final FakeClock clock = new FakeClock(START);
    private final List<ProbeSpec> ran = new CopyOnWriteArrayList<>();
    private final Prober passing = spec -> {
        ran.add(spec);
        return new ProbeResult(clock.instant(), Duration.ofMillis(250), null, null, null, Phases.NONE, null, List.of());
    };

    private static ProbeModule module(String name, String... allowed) {
        HttpSpec template = HttpSpec.of(URI.create("http://target/"));
        return new ProbeModule(name, new ProbeConfig(name, Duration.ofSeconds(30), Map.of(), template,
                CertSettings.DEFAULT), List.of(allowed).stream().map(AllowedTarget::parse).toList());
    }

    private ProbeEndpoint endpoint(Prober prober, int inFlight, int burst) {
        Map<String, ProbeModule> modules = Map.of(
                "http_2xx", module("http_2xx", "https://*.example.com/*", "http://127.0.0.1:9000"),
                "closed", module("closed"));
        return new ProbeEndpoint(() -> modules, prober, (probe, result) -> CertStatus.UNKNOWN, clock, inFlight,
                new TokenBucket(clock, burst, Duration.ofSeconds(1)));
    }

    @Test
    void anAllowedTargetRunsOnceAndAnswersItsFamiliesWithoutProbeOrInstanceLabels() {
        ProbeEndpoint.Answer answer = endpoint(passing, 1, 10).answer("module=http_2xx&target=https%3A%2F%2Fwww.example.com%2Fhealth", null);

        assertEquals(200, answer.status());
        assertEquals(List.of(URI.create("https://www.example.com/health")), ran.stream().map(ProbeSpec::url).toList());
        assertTrue(answer.body().contains("\nprobe_success 1.0\n"), answer.body());
        assertTrue(answer.body().contains("\nprobe_duration_seconds 0.25\n"), answer.body());
        assertTrue(answer.body().contains("\nvigil_probe_failure_kind{kind=\"none\"} 1.0\n"), answer.body());
        assertTrue(answer.body().contains("\nprobe_http_duration_seconds{phase=\"connect\"} 0.0\n"), answer.body());
        assertFalse(answer.body().contains("instance="), answer.body());
        assertFalse(answer.body().contains("probe="), answer.body());
    }

    @Test
    void aTlsModuleTakesHostAndPortAndGivesAPortlessTargetItsStarttlsPort() {
        TlsSpec imap = new TlsSpec(URI.create("tls://target:443"), "imap", Duration.ofSeconds(5), TlsOptions.DEFAULT,
                List.of(), IpFamily.ANY, null);
        ProbeModule mail = new ProbeModule("mail", new ProbeConfig("mail", Duration.ofSeconds(30), Map.of(), imap,
                CertSettings.DEFAULT), List.of(AllowedTarget.parse("tls://mail.example.com:993"),
                AllowedTarget.parse("tls://mail.example.com:143")));
        ProbeEndpoint endpoint = new ProbeEndpoint(() -> Map.of("mail", mail), passing,
                (probe, result) -> CertStatus.UNKNOWN, clock, 1, new TokenBucket(clock, 10, Duration.ofSeconds(1)));

        assertEquals(200, endpoint.answer("module=mail&target=mail.example.com:993", null).status());
        assertEquals(200, endpoint.answer("module=mail&target=mail.example.com", null).status());
        assertEquals(403, endpoint.answer("module=mail&target=mail.example.com:995", null).status());

        assertEquals(List.of(URI.create("tls://mail.example.com:993"), URI.create("tls://mail.example.com:143")),
                ran.stream().map(ProbeSpec::url).toList());
        assertEquals("imap", ((TlsSpec) ran.getFirst()).starttls());
    }

    @Test
    void aBareHostAndPortIsAnHttpTargetAsBlackboxTakesIt() {
        assertEquals(200, endpoint(passing, 1, 10).answer("module=http_2xx&target=127.0.0.1:9000", null).status());
        assertEquals(URI.create("http://127.0.0.1:9000"), ran.getFirst().url());
    }

    @Test
    void withoutAModuleParameterTheModuleIsHttp2xxAsInBlackbox() {
        assertEquals(200, endpoint(passing, 1, 10).answer("target=https://a.example.com/", null).status());
    }

    @Test
    void refusals() {
        ProbeEndpoint endpoint = endpoint(passing, 1, 10);

        assertEquals(ProbeEndpoint.Answer.error(400, "Unknown module \"nope\"; this config's modules: closed,"
                + " http_2xx"),
                endpoint.answer("module=nope&target=https://a.example.com/", null));
        assertEquals(ProbeEndpoint.Answer.error(400, "Target parameter is missing"),
                endpoint.answer("module=http_2xx", null));
        assertEquals(ProbeEndpoint.Answer.error(400, "module http_2xx: target must not contain credentials"
                + " (user:password@)"), endpoint.answer("module=http_2xx&target=https://u:SECRET@a.example.com/", null));
        assertEquals(ProbeEndpoint.Answer.error(403, "target https://evil.example.net is not within module http_2xx's"
                + " allowedTargets: https://*.example.com/*, http://127.0.0.1:9000"),
                endpoint.answer("module=http_2xx&target=https://evil.example.net/x?token=SECRET", null));
        assertEquals(ProbeEndpoint.Answer.error(403, "module closed has no allowedTargets, so it probes no target (an"
                + " open /probe would be an open proxy); list the targets it may probe in modules.closed.allowedTargets"),
                endpoint.answer("module=closed&target=https://a.example.com/", null));
        assertEquals(ProbeEndpoint.Answer.error(400, "module http_2xx: X-Prometheus-Scrape-Timeout-Seconds is not a"
                + " positive number of seconds"), endpoint.answer("module=http_2xx&target=https://a.example.com/", "soon"));
        assertEquals(List.of(), ran);
    }

    @Test
    void beyondTheBurstARequestIs429UntilTheBucketRefills() {
        ProbeEndpoint endpoint = endpoint(passing, 4, 2);
        String query = "module=http_2xx&target=https://a.example.com/";

        assertEquals(200, endpoint.answer(query, null).status());
        assertEquals(200, endpoint.answer(query, null).status());
        ProbeEndpoint.Answer refused = endpoint.answer(query, null);
        assertEquals(429, refused.status());
        assertEquals("1", refused.retryAfter());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, endpoint.answer(query, null).status());
        assertEquals(3, ran.size());
    }

    @Test
    void beyondTheRunsInFlightARequestIs503AtOnceNeverQueued() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Prober blocking = spec -> {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return passing.run(spec);
        };
        ProbeEndpoint endpoint = endpoint(blocking, 1, 10);
        String query = "module=http_2xx&target=https://a.example.com/";
        CompletableFuture<ProbeEndpoint.Answer> first = CompletableFuture.supplyAsync(() -> endpoint.answer(query, null));
        Eventually.until(Duration.ofSeconds(10), "the first run", () -> entered.getCount() == 0);

        ProbeEndpoint.Answer second = endpoint.answer(query, null);

        assertEquals(503, second.status());
        release.countDown();
        assertEquals(200, first.get(20, TimeUnit.SECONDS).status());
        assertEquals(200, endpoint.answer(query, null).status());
    }

    @Test
    void theScrapeTimeoutHeaderShortensTheRunAsBlackboxDoes() {
        ProbeEndpoint endpoint = endpoint(passing, 1, 10);
        String query = "module=http_2xx&target=https://a.example.com/";

        endpoint.answer(query, "4");
        endpoint.answer(query, "15");
        endpoint.answer(query, "0.2");
        endpoint.answer(query, null);

        // 4 s less the 0.5 s margin; the module's 10 s below 15 s less it; a margin larger than the scrape timeout
        // leaves the module's timeout, as blackbox's getTimeout does.
        assertEquals(List.of(Duration.ofMillis(3500), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10)), ran.stream().map(ProbeSpec::timeout).toList());
    }
}
