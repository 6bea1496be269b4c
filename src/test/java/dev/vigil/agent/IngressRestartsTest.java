package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.Churn;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.lb.IngressPods;
import dev.vigil.lb.KubernetesPods;
import dev.vigil.testing.FakeClock;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the agent reads a probe's ingress pods, and what a read that works or fails does to its churn. */
class IngressRestartsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
    private static final String PODS = "/api/v1/namespaces/ingress/pods";
    private static final List<String> PAIR = List.of("api.example.com", "www.api.example.com");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(T0.plus(Duration.ofHours(2)));
    private WireMockHttps api;
    private IngressRestarts restarts;
    private IngressPods pods;

    @BeforeEach
    void start() throws Exception {
        TestPki pki = TestPki.create();
        api = WireMockHttps.start(pki.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue());
        Path token = Files.writeString(dir.resolve("token"), "t");
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root().certificate());
        pods = new IngressPods("ingress", "app=traefik", api.httpsUri(), token, ca);
        restarts = new IngressRestarts(new KubernetesPods(Map.<String, String>of()::get, dir), clock);
    }

    @AfterEach
    void stop() {
        restarts.close();
        api.close();
    }

    /** Certificates for the pair first seen at T0, T0 + 1 h and T0 + 2 h, all counted: a churn. */
    private static CertStatus churning() {
        List<Observation> seen = List.of(seen("01", 0), seen("02", 60), seen("03", 120));
        NameSetUsage set = new NameSetUsage(PAIR, true, T0.plus(Duration.ofHours(2)),
                new LimitUsage(3, 2, T0.plus(Duration.ofHours(34)), LimitUsage.Level.OK));
        return new CertStatus(seen.getLast(), List.of(set), "example.com", null, null, new Churn(set, seen, 89), null,
                null, null);
    }

    private static Observation seen(String serial, long minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return new Observation(serial, "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com", PAIR, at,
                at.plus(Duration.ofDays(90)), "sha-" + serial, List.of(), true, at, at);
    }

    /** One pod that restarted {@code seconds} before each re-issue was first seen. */
    private static ResponseDefinitionBuilder restartedBefore(long seconds) {
        return okJson("""
                {"kind":"PodList","items":[{"metadata":{"name":"traefik-a"},"status":{"startTime":"%s",\
                "containerStatuses":[{"restartCount":2,"state":{"running":{"startedAt":"%s"}},\
                "lastState":{"terminated":{"startedAt":"%s"}}}]}}]}""".formatted(T0.minusSeconds(seconds),
                T0.plus(Duration.ofHours(2)).minusSeconds(seconds), T0.plus(Duration.ofHours(1)).minusSeconds(seconds)));
    }

    private void answer(ResponseDefinitionBuilder response) {
        api.server().resetAll();
        api.server().stubFor(get(urlPathEqualTo(PODS)).willReturn(response));
    }

    private int reads() {
        return api.server().findAll(getRequestedFor(urlPathEqualTo(PODS))).size();
    }

    private static String clause(CertStatus status) {
        return status.churn().restarts() == null ? null : status.churn().restarts().clause();
    }

    @Test
    void withoutChurnOrWithoutPodsNothingIsRead() {
        answer(restartedBefore(9));
        CertStatus quiet = new CertStatus(null, List.of(), null, null, null);
        CertStatus churning = churning();

        assertSame(quiet, restarts.told("api", pods, quiet));
        assertSame(churning, restarts.told("api", null, churning));
        assertEquals(0, reads());
    }

    @Test
    void aChurnIsToldWithTheRestartsAndThePodsAreReadAtMostOncePerMinute() {
        answer(restartedBefore(9));
        String told = "each re-issue was first seen within 9 s after a (re)start of pod traefik-a (2 restarts)";

        assertEquals(told, clause(restarts.told("api", pods, churning())));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(told, clause(restarts.told("api", pods, churning())), "the last read still tells");
        assertEquals(1, reads());

        answer(restartedBefore(20));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("each re-issue was first seen within 20 s after a (re)start of pod traefik-a (2 restarts)",
                clause(restarts.told("api", pods, churning())));
        assertEquals(1, reads(), "one read since the answer changed");
    }

    @Test
    void aFailedReadLeavesTheChurnAsItIsUntilAReadWorks() {
        answer(aResponse().withStatus(403));

        assertNull(clause(restarts.told("api", pods, churning())));

        answer(restartedBefore(9));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("each re-issue was first seen within 9 s after a (re)start of pod traefik-a (2 restarts)",
                clause(restarts.told("api", pods, churning())));
    }
}
