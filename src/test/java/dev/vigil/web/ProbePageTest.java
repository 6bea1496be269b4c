package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One probe's page rendered from its last run and its firing incident. */
class ProbePageTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Site SITE = new Site("/vigil", "agent-1", null, null, NOW);
    private static final ProbeRow ROW = new ProbeRow("shop", "https://shop.example/", ProbeState.DOWN,
            "cert fallback", Duration.ofMillis(120), Map.of("team", "ops"), RunBuckets.NONE);

    private static ProbeResult failedRun() {
        CertificateFacts fallback = new CertificateFacts("CN=Kubernetes Ingress Controller <Fake> Certificate",
                "CN=Kubernetes Ingress Controller Fake Certificate", "01", List.of("ingress.local"),
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(355)), "ab", "RSA", 2048);
        DnsFacts dns = new DnsFacts("shop.example", List.of(
                new DnsFacts.ResolverAnswer("10.0.0.2:53", false, List.of("192.0.2.10"), List.of(), 3000,
                        Duration.ofMillis(3), null),
                new DnsFacts.ResolverAnswer("ns1.example (203.0.113.53:53)", true, List.of("192.0.2.20"), List.of(),
                        3600, Duration.ofMillis(5), null)),
                List.of("192.0.2.20"), "static", null, List.of(), List.of(), 3600L, true, false);
        return new ProbeResult(NOW.minusSeconds(60), Duration.ofMillis(120),
                new Failure(FailureKind.CERT_UNTRUSTED, "served the ingress's default certificate"),
                null, new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", false, "unable to find a path", List.of(fallback)),
                new Phases(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(60), null, null), dns,
                List.of("The ingress lost its certificate: check its secret."));
    }

    @Test
    void showsTheIncidentTheLastRunItsCertificatesAndDns() {
        Notification incident = new Notification(7, Notification.Type.FIRING, "shop", "https://shop.example/",
                Map.of(), Condition.CERT_INVALID, Severity.CRITICAL, "tls: the ingress fell back to its default <cert>",
                List.of("Restore the ingress's certificate secret."), Map.of("issuer", "Fake <CA>"),
                NOW.minusSeconds(600), null, List.of("the certificate changed"));

        String html = ProbePage.render(SITE, ROW, List.of(incident), failedRun());

        assertTrue(html.contains("<strong>tls: the ingress fell back to its default &lt;cert&gt;</strong>"), html);
        assertTrue(html.contains("<li>Restore the ingress&#39;s certificate secret.</li>"), html);
        assertTrue(html.contains("<dt>issuer</dt><dd>Fake &lt;CA&gt;</dd>"), html);
        assertTrue(html.contains("<li>the certificate changed</li>"), html);
        assertTrue(html.contains("served the ingress&#39;s default certificate"), html);
        assertTrue(html.contains("aria-label=\"Phases: resolve 5 ms, connect 10 ms, tls 60 ms\""), html);
        assertTrue(html.contains("CN=Kubernetes Ingress Controller &lt;Fake&gt; Certificate"), html);
        assertTrue(html.contains("aria-label=\"2026-11-22T12:00:00Z to 2027-11-22T12:00:00Z, 355 days left\""), html);
        assertTrue(html.contains("The chain did not verify: unable to find a path"), html);
        assertTrue(html.contains("DNS answers addresses that are not the load balancer's."), html);
        assertTrue(html.contains("<td>10.0.0.2:53</td><td>192.0.2.10</td><td><strong class=\"state down\">no</strong>"
                + "</td><td>2940 s</td>"), html);
        assertTrue(html.contains("authoritative</span></td><td>192.0.2.20</td><td>yes</td><td>3540 s</td>"), html);
        assertTrue(html.contains("<a href=\"/vigil/\">Vigil</a>"), html);
        assertFalse(html.contains("<cert>") || html.contains("<Fake>") || html.contains("<CA>"), html);
    }

    @Test
    void aProbeNotRunYetAndNotFiringSaysSo() {
        ProbeRow fresh = new ProbeRow("new", "https://new.example/", ProbeState.UNKNOWN, null, null, Map.of(),
                RunBuckets.NONE);

        String html = ProbePage.render(SITE, fresh, List.of(), null);

        assertTrue(html.contains("<p>No alert is firing.</p>"), html);
        assertTrue(html.contains("<p>Not run yet.</p>"), html);
        assertTrue(html.contains("data-state=\"unknown\""), html);
    }
}
