package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
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
import java.util.Set;
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

        String html = ProbePage.render(SITE, ROW, List.of(incident), failedRun(), null);

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
    void theCertificateHistoryDrawsEveryCertificateSeenMarksChangesAndSaysWhenTheNextIsFree() {
        Instant renewed = NOW.minus(Duration.ofDays(5));
        Observation first = new Observation("0a", "CN=R11,O=Let's Encrypt", "CN=shop.example", List.of("shop.example"),
                NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10)), "aa", List.of("CN=R11"), true,
                NOW.minus(Duration.ofDays(80)), renewed);
        Observation fallback = new Observation("0b", "CN=Fake <CA>", "CN=Fake", List.of("ingress.local"),
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(355)), "bb", List.of(), false, renewed, NOW);
        CertChange change = new CertChange(renewed, ChangeKind.ISSUER_CHANGED, Severity.CRITICAL, "0a", "0b",
                "the issuer changed to <Fake>");
        Issuance lost = new Issuance("0c", NOW.minus(Duration.ofDays(2)), List.of("shop.example"), "lets-encrypt");
        EndpointHistory history = new EndpointHistory(new Endpoint("shop.example", 443, "shop.example"),
                Set.of("shop"), List.of(first, fallback), List.of(change), null, NOW, List.of(lost), null);
        Instant free = NOW.plus(Duration.ofDays(3));
        CertStatus status = new CertStatus(fallback, List.of(new NameSetUsage(List.of("shop.example"), false, renewed,
                new LimitUsage(5, 0, free, LimitUsage.Level.CRITICAL))), null, null, null);

        String html = ProbePage.render(SITE, ROW, List.of(), failedRun(),
                new CertView(List.of(history), 0, status, LimitPolicy.EXACT_SET));

        assertTrue(html.contains("<h2>Certificate history of shop.example:443</h2>"), html);
        assertTrue(html.contains("aria-label=\"2 certificates seen, valid from " + NOW.minus(Duration.ofDays(80))
                + " to " + NOW.plus(Duration.ofDays(355)) + ", 1 untrusted; 1 change; 1 found in Certificate"
                + " Transparency, never served here\""), html);
        assertTrue(html.contains("<rect class=\"up\" x=\"0.00%\" y=\"15\""), html);
        assertTrue(html.contains("<rect class=\"down\""), html);
        assertTrue(html.contains("<line class=\"change\""), html);
        assertTrue(html.contains("<tr data-kind=\"issuer_changed\"><td>" + renewed + "</td><td>issuer_changed</td>"
                + "<td>the issuer changed to &lt;Fake&gt;</td></tr>"), html);
        assertTrue(html.contains("<li>0c, issued " + NOW.minus(Duration.ofDays(2)) + ", for shop.example</li>"), html);
        assertTrue(html.contains("<tr data-level=\"critical\"><td>{shop.example}</td><td>5</td><td>0</td><td>"
                + free + "</td></tr>"), html);
        assertFalse(html.contains("<Fake>") || html.contains("Fake <CA>"), html);
    }

    @Test
    void aProbeNotRunYetAndNotFiringSaysSo() {
        ProbeRow fresh = new ProbeRow("new", "https://new.example/", ProbeState.UNKNOWN, null, null, Map.of(),
                RunBuckets.NONE);

        String html = ProbePage.render(SITE, fresh, List.of(), null, null);

        assertTrue(html.contains("<p>No alert is firing.</p>"), html);
        assertTrue(html.contains("<p>Not run yet.</p>"), html);
        assertTrue(html.contains("data-state=\"unknown\""), html);
    }
}
