package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.testing.CauseTexts.MINUTE;
import static dev.vigil.testing.CauseTexts.crtShEntry;
import static dev.vigil.testing.CauseTexts.withoutRelativeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vigil.cert.ct.CrtShClient;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.probe.tls.CertificateFactsReader;
import dev.vigil.state.StateException;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a loopback TLS server whose certificate is re-issued while it runs, with a fake crt.sh: the change
 * is counted, CT certificates count against the limit, the last certificate outlives the server, and all of it
 * survives a restart.
 */
class CertHistoryAgentTest {
    private static final TestPki PKI = TestPki.create();
    /** An intermediate named like Let's Encrypt's: only its certificates count against the limits Vigil models. */
    private static final Issued LETS_ENCRYPT = PKI.intermediate("R11,O=Let's Encrypt,C=US");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final WireMockServer crtSh = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private final WireMockServer receiver = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    private final HttpProbe http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
    private final CrtShClient ct = new CrtShClient("Vigil/test");
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        ct.close();
        http.close();
        crtSh.stop();
        receiver.stop();
    }

    private Agent start(Path config) throws Exception {
        return Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(), new ConfigLoader(name -> null)::load, http, ct);
    }

    /**
     * Starts the agent probing {@code server} every 300 ms, asking CT at {@code ctUrl} unless it is null; each alert
     * fires at the webhook on its first failing run.
     */
    private void startAlerting(TlsTestServer server, Path ca, String ctUrl) throws Exception {
        String ct = ctUrl == null ? "" : ", \"cert\": {\"ct\": {\"enabled\": true, \"url\": \"" + ctUrl + "\"}}";
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://localhost:%d/", "interval": "300ms", "timeout": "300ms",
                  "tls": {"caFile": "%s"}%s}],
                 "outputs": {"webhooks": [{"name": "hook", "url": "http://127.0.0.1:%d/hook"}],
                             "alerts": {"failureThreshold": 1}}}
                """.formatted(server.port(), ca, ct, receiver.port()));
        agent = start(config);
    }

    private Scrape scrapeWhen(String what, Predicate<Scrape> condition) {
        Scrape[] last = new Scrape[1];
        Eventually.until(WAIT, what, () -> condition.test(last[0] = Scrape.of(agent.address())));
        return last[0];
    }

    @Test
    void aCorruptStateFileIsMovedAsideCountedAndTheAgentRunsOn() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("state.json"), "{\"format\": 1, \"endpoints\": [{\"host\": ");
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://localhost:1/", "interval": "1s", "timeout": "1s"}]}
                """);

        agent = start(config);

        Scrape scrape = scrapeWhen("a run", s -> s.value("probe_success", "probe", "api").isPresent());
        assertEquals(1.0, scrape.value("vigil_state_recovered_total").orElseThrow());
        try (var aside = Files.list(state)) {
            Path moved = aside.filter(f -> f.getFileName().toString().startsWith("state.json.corrupt-")).findFirst()
                    .orElseThrow();
            assertEquals("{\"format\": 1, \"endpoints\": [{\"host\": ", Files.readString(moved));
        }
    }

    @Test
    void aReissueIsCountedWithTransparencyLogsAndTheCertificateOutlivesItsServer() throws Exception {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        crtSh.start();
        // Two certificates nobody saw, each listed twice (precertificate and certificate).
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("[" + String.join(",", crtShEntry(1, "7a01", issued), crtShEntry(2, "7a01", issued),
                        crtShEntry(3, "7a02", issued.plusSeconds(60)), crtShEntry(4, "7a02", issued.plusSeconds(60)))
                        + "]")));
        Issued first = PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost")
                .validBetween(issued, issued.plus(Duration.ofDays(90))).issue();
        Issued second = PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost")
                .validBetween(issued.plusSeconds(120), issued.plus(Duration.ofDays(90))).issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Path config = dir.resolve("probes.json");
        try (TlsTestServer server = TlsTestServer.tls(first).responder(Responders.ok("up")).start()) {
            Files.writeString(config, """
                    {"probes": [{"name": "api", "url": "%s", "interval": "500ms", "timeout": "500ms",
                      "tls": {"caFile": "%s"},
                      "cert": {"ct": {"enabled": true, "url": "%s"}}}]}
                    """.formatted("https://localhost:" + server.port() + "/", ca, crtSh.baseUrl() + "/"));
            agent = start(config);

            assertEquals(1.0, scrapeWhen("the first run", s -> s.value("probe_success", "probe", "api").isPresent())
                    .value("probe_success", "probe", "api").orElseThrow());
            Scrape seen = scrapeWhen("the certificate and the two CT ones counted",
                    s -> s.value("vigil_cert_duplicate_set_issued_168h", "probe", "api").orElse(0) == 3);
            assertEquals(2.0, seen.value("vigil_cert_duplicate_set_tokens_left", "probe", "api").orElseThrow());
            double firstSeen = seen.value("vigil_cert_first_seen_timestamp_seconds", "probe", "api").orElseThrow();

            server.serve(second);
            // The event is counted as the run records the certificate, the probe's series when the run completes:
            // wait for both, or a scrape in between sees the count and the previous run's series.
            long secondNotBefore = second.certificate().getNotBefore().toInstant().getEpochSecond();
            Scrape reissued = scrapeWhen("the re-issue counted and its run's series written",
                    s -> s.value("vigil_cert_changes_total", "probe", "api", "kind", "reissue").orElse(0) == 1
                            && s.value("vigil_cert_not_before_timestamp_seconds", "probe", "api")
                                    .orElse(0) == secondNotBefore);
            assertEquals(1.0, reissued.value("vigil_cert_duplicate_set_tokens_left", "probe", "api").orElseThrow());
            assertEquals(second.certificate().getNotBefore().toInstant().getEpochSecond(),
                    reissued.value("vigil_cert_not_before_timestamp_seconds", "probe", "api").orElseThrow());
            assertTrue(reissued.value("vigil_cert_first_seen_timestamp_seconds", "probe", "api").orElseThrow() > firstSeen);
            assertEquals(0.0, reissued.value("vigil_ct_query_errors_total").orElseThrow());
            String serial = new BigInteger(1, second.certificate().getSerialNumber().toByteArray()).toString(16);
            assertTrue(reissued.text().contains("serialnumber=\""), reissued::text);
            assertTrue(reissued.text().contains(serial), reissued::text);

            StateException locked = assertThrows(StateException.class, () -> start(config));
            assertTrue(locked.getMessage().contains("is in use by another Vigil"), locked.getMessage());
        }

        double expiry = second.certificate().getNotAfter().toInstant().getEpochSecond();
        Scrape down = scrapeWhen("the server gone", s -> s.value("probe_success", "probe", "api").orElse(1) == 0);
        assertEquals(expiry, down.value("probe_ssl_earliest_cert_expiry", "probe", "api").orElseThrow());
        assertEquals(expiry, down.value("vigil_cert_not_after_timestamp_seconds", "probe", "api").orElseThrow());
        assertTrue(down.value("vigil_cert_observation_age_seconds", "probe", "api").orElseThrow() >= 0);
        double secondSeen = down.value("vigil_cert_first_seen_timestamp_seconds", "probe", "api").orElseThrow();

        agent.close();
        agent = start(config);
        Scrape restarted = scrapeWhen("a run after the restart",
                s -> s.value("vigil_cert_first_seen_timestamp_seconds", "probe", "api").isPresent());
        assertEquals(secondSeen, restarted.value("vigil_cert_first_seen_timestamp_seconds", "probe", "api").orElseThrow());
        assertEquals(expiry, restarted.value("probe_ssl_earliest_cert_expiry", "probe", "api").orElseThrow());
        assertEquals(4.0, restarted.value("vigil_cert_duplicate_set_issued_168h", "probe", "api").orElseThrow());
    }

    /**
     * The incident replayed through the agent: the same two names re-issued four times, then the ingress falls back
     * to its self-signed default certificate for one of them. The metrics and the alert's facts line show the set the
     * CA refuses, and the default certificate counts against no limit.
     */
    @Test
    void afterAFallbackTheMetricsAndTheAlertShowTheExhaustedSet() throws Exception {
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        Instant issued = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Path config = dir.resolve("probes.json");
        try (TlsTestServer server = TlsTestServer.tls(pair(issued)).responder(Responders.ok("up")).start()) {
            Files.writeString(config, """
                    {"probes": [{"name": "api", "url": "https://localhost:%d/", "interval": "300ms", "timeout": "300ms",
                      "tls": {"caFile": "%s"}}],
                     "outputs": {"webhooks": [{"name": "hook", "url": "http://127.0.0.1:%d/hook"}]}}
                    """.formatted(server.port(), ca, receiver.port()));
            agent = start(config);
            for (int i = 0; i <= 4; i++) {
                Issued leaf = pair(issued.plusSeconds(i));
                server.serve(leaf);
                long notBefore = leaf.certificate().getNotBefore().toInstant().getEpochSecond();
                scrapeWhen("certificate " + i + " seen",
                        s -> s.value("vigil_cert_not_before_timestamp_seconds", "probe", "api").orElse(0) == notBefore
                                && s.value("vigil_cert_duplicate_set_issued_168h", "probe", "api").orElse(0) > 0);
            }
            server.serve(TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("localhost").issue());

            // One run writes the failure kind and the certificate series together.
            Scrape fallback = scrapeWhen("the default certificate seen",
                    s -> s.value("vigil_probe_failure_kind", "probe", "api", "kind", "cert_untrusted").isPresent());
            // The series of the current certificate's set: the default certificate's, which no CA issued.
            assertEquals(0.0, fallback.value("vigil_cert_duplicate_set_issued_168h", "probe", "api").orElseThrow());
            assertTrue(fallback.value("vigil_cert_duplicate_set_tokens_left", "probe", "api").isEmpty(),
                    "no CA limit applies to a self-signed certificate's names: no count is claimed");
            assertEquals(5.0, fallback.value("vigil_cert_registered_domain_issued_168h", "probe", "api").orElseThrow());
            String exhausted = "api.localhost,localhost";
            assertEquals(5.0, fallback.value("vigil_cert_name_set_issued_168h", "probe", "api", "names", exhausted)
                    .orElseThrow());
            assertEquals(0.0, fallback.value("vigil_cert_name_set_tokens_left", "probe", "api", "names", exhausted)
                    .orElseThrow());
            Instant next = issued.plus(Duration.ofHours(34));
            assertEquals(next.getEpochSecond(), fallback.value("vigil_cert_name_set_next_token_timestamp_seconds",
                    "probe", "api", "names", exhausted).orElseThrow());

            JsonNode alert = awaitMessage("cert_invalid");
            String fact = alert.get("facts").get("Duplicate limit").asText();
            assertTrue(withoutRelativeTime(fact).startsWith("0 of 5 left for {api.localhost, localhost} until "
                    + MINUTE.format(next) + ", in … (the set served here until "), fact);
            assertTrue(fact.endsWith(", before this certificate)"), fact);
        }
    }

    /**
     * The incident's causes named first: the same two names re-issued four times within two hours, then the fallback.
     * The churn warning comes before the limit is used up, and the fallback's critical message starts with the CA's
     * refusal.
     */
    @Test
    void theChurnWarningComesFirstAndTheFallbackSaysTheCaRefuses() throws Exception {
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        // Five certificates half an hour apart, the first about 3 h ago: the limit's next token returns 34 h after
        // the first. Those 25 s later than 3 h ago keep "in 31 h" (to the nearest minute) for the first 55 s of the
        // test, not only for its first 30.
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3)).plusSeconds(25);
        List<Issued> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(pair(first.plus(Duration.ofMinutes(30L * i))));
        }
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaves.getFirst()).responder(Responders.ok("up")).start()) {
            startAlerting(server, ca, null);
            for (Issued leaf : leaves) {
                server.serve(leaf);
                long notBefore = leaf.certificate().getNotBefore().toInstant().getEpochSecond();
                scrapeWhen("certificate " + serial(leaf) + " seen",
                        s -> s.value("vigil_cert_not_before_timestamp_seconds", "probe", "api").orElse(0) == notBefore);
            }
            server.serve(TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("localhost").issue());

            Instant next = first.plus(Duration.ofHours(34));
            // The relative part ("in 31 h") depends on how long this test has run; MomentsTest pins its wording.
            String returns = MINUTE.format(next) + ", in …";
            JsonNode churn = awaitMessage("cert_churn");
            assertEquals("warning", churn.get("severity").asText());
            // The third certificate makes the signature: two re-issues an hour after the first.
            assertEquals("3 certificates for {api.localhost, localhost} in 1 h, each about 89 days before the previous"
                    + " one would expire: the ingress is requesting a new certificate every time it starts; its ACME"
                    + " storage (Traefik acme.json, a cert-manager Secret) is probably not persistent. 2 of 5 left;"
                    + " the next returns at " + returns + ".", withoutRelativeTime(churn.get("summary").asText()));

            JsonNode fallback = awaitMessage("cert_invalid");
            assertEquals("critical", fallback.get("severity").asText());
            String used = leaves.stream().map(leaf -> serial(leaf) + " at "
                    + MINUTE.format(leaf.certificate().getNotBefore().toInstant())).collect(Collectors.joining("; "));
            assertEquals("The CA refuses new certificates for {api.localhost, localhost} until " + returns
                    + ": 5 certificates for them were issued in the last 168 h (" + used + "), so the ingress serves"
                    + " its default certificate. Make its ACME storage persistent (Traefik acme.json, a cert-manager"
                    + " Secret); then wait until " + MINUTE.format(next) + ", or change the set of names.",
                    withoutRelativeTime(fallback.get("summary").asText()));
            // The symptoms follow the cause: the run's failure, the used-up limit, the fallback's changes.
            List<String> symptoms = new ArrayList<>();
            fallback.get("symptoms").forEach(line -> symptoms.add(line.asText()));
            assertTrue(symptoms.get(0).startsWith("cert_untrusted: "), symptoms.toString());
            assertTrue(symptoms.get(1).startsWith("5 certificates for {api.localhost, localhost} (the set served here"
                    + " until "), symptoms.toString());
            assertTrue(symptoms.get(2).startsWith("issuer changed from Let's Encrypt to self-signed"), symptoms.toString());
            assertTrue(symptoms.get(3).startsWith("names changed (removed api.localhost)"), symptoms.toString());
            assertEquals(1, firingCount("cert_invalid"), "one fallback message");
            // The churn warning, then its escalation when the limit is used up; nothing told on its own that a cause
            // explains: the re-issues after the signature, the limit's levels, the fallback's issuer and names.
            assertEquals(List.of("warning", "critical"), firing("cert_churn").stream()
                    .map(m -> m.get("severity").asText()).toList());
            assertEquals(List.of(), firing("duplicate_limit"));
            assertEquals(1, messages("event").size(), "only the re-issue before the signature");
        }
    }

    @Test
    void aTransparencyLogThatFailsOrHangsNeverChangesTheProbesResult() throws Exception {
        crtSh.start();
        crtSh.stubFor(get(urlPathEqualTo("/")).withQueryParam("q", equalTo("localhost"))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        // Slower than the lookup's timeout: the lookup gives up, the probe's runs go on.
        crtSh.stubFor(get(urlPathEqualTo("/")).withQueryParam("q", equalTo("api.localhost"))
                .willReturn(aResponse().withFixedDelay(3_000).withBody("[]")));
        Instant issued = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Issued single = PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost")
                .validBetween(issued, issued.plus(Duration.ofDays(90))).issue();
        try (TlsTestServer one = TlsTestServer.tls(single).responder(Responders.ok("up")).start();
                TlsTestServer two = TlsTestServer.tls(pair(issued)).responder(Responders.ok("up")).start()) {
            Path config = Files.writeString(dir.resolve("probes.json"), """
                    {"defaults": {"interval": "300ms", "timeout": "300ms", "tls": {"caFile": "%s"},
                                  "cert": {"ct": {"enabled": true, "url": "%s", "minInterval": "1s",
                                                  "timeout": "500ms"}}},
                     "probes": [{"name": "refused", "url": "https://localhost:%d/"},
                                {"name": "hanging", "url": "https://localhost:%d/"}]}
                    """.formatted(ca, crtSh.baseUrl() + "/", one.port(), two.port()));
            agent = start(config);

            Scrape scrape = scrapeWhen("both lookups failed several times", s -> s.value("vigil_ct_query_errors_total")
                    .orElse(0) >= 4 && s.value("probe_success", "probe", "hanging").isPresent());
            assertEquals(1.0, scrape.value("probe_success", "probe", "refused").orElseThrow(), scrape::text);
            assertEquals(1.0, scrape.value("probe_success", "probe", "hanging").orElseThrow(), scrape::text);
            assertEquals(1.0, scrape.value("vigil_probe_failure_kind", "probe", "refused", "kind", "none")
                    .orElseThrow());
            assertEquals(1.0, scrape.value("vigil_probe_failure_kind", "probe", "hanging", "kind", "none")
                    .orElseThrow());
        }
    }

    /**
     * A certificate 80 days into its 90-day life, 20 days past its renewal window, and nothing newer: the expiry
     * warning starts with the cause, renewal failing, and the expiry follows it.
     */
    @Test
    void anExpiringCertificatePastItsRenewalWindowSaysRenewalIsFailing() throws Exception {
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(80)).minusSeconds(60);
        Issued leaf = pair(issued);
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start()) {
            startAlerting(server, ca, null);

            JsonNode expiring = awaitMessage("cert_expiring");
            assertEquals("warning", expiring.get("severity").asText());
            assertEquals("renewal is failing: the certificate for {api.localhost, localhost} (serial " + serial(leaf)
                    + ", issued " + MINUTE.format(issued) + ") is past its renewal window since "
                    + MINUTE.format(issued.plus(Duration.ofDays(60))) + ", … ago, and no newer certificate was seen at"
                    + " the endpoint; it expires at " + MINUTE.format(issued.plus(Duration.ofDays(90))) + ", in …."
                    + " Check the ingress's ACME client logs (Traefik, cert-manager) for the CA's error.",
                    withoutRelativeTime(expiring.get("summary").asText()));
            // The symptom follows the cause.
            assertTrue(expiring.get("symptoms").get(0).asText().startsWith("certificate for api.localhost, localhost"
                    + " expires in 9 days"), expiring.toString());
        }
    }

    /**
     * CT lists a certificate for the served name issued 2 h ago that the endpoint never served: a warning that the
     * ingress did not load it, with both serials.
     */
    @Test
    void aNewerCertificateInCtThatTheEndpointDoesNotServeIsAWarningThatTheIngressDidNotLoadIt() throws Exception {
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
        Instant newer = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        Issued leaf = PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost")
                .validBetween(issued, issued.plus(Duration.ofDays(90))).issue();
        crtSh.start();
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("[" + crtShEntry(1, serial(leaf), issued) + "," + crtShEntry(2, "7b02", newer) + "]")));
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start()) {
            startAlerting(server, ca, crtSh.baseUrl() + "/");

            JsonNode notServed = awaitMessage("cert_not_served");
            assertEquals("warning", notServed.get("severity").asText());
            assertEquals("a newer certificate for {localhost} was issued at " + MINUTE.format(newer) + ", … ago"
                    + " (serial 7b02, found in CT) but the endpoint still serves serial " + serial(leaf) + " issued at "
                    + MINUTE.format(issued) + ": the ingress did not load it — restart or reload the ingress, or check"
                    + " that its certificate store is the one it reads.",
                    withoutRelativeTime(notServed.get("summary").asText()));
            assertEquals(1, firingCount("cert_not_served"), "one warning");
        }
    }

    private static String serial(Issued leaf) {
        return CertificateFactsReader.serialHex(leaf.certificate().getSerialNumber());
    }

    /** A certificate for {@code localhost} and {@code api.localhost} from the Let's Encrypt-like intermediate. */
    private static Issued pair(Instant notBefore) {
        return PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost", "api.localhost")
                .validBetween(notBefore, notBefore.plus(Duration.ofDays(90))).issue();
    }

    /** The first firing message of {@code condition} the webhook receives. */
    private JsonNode awaitMessage(String condition) {
        Eventually.until(WAIT, "a firing " + condition + " message", () -> !firing(condition).isEmpty());
        return firing(condition).getFirst();
    }

    private int firingCount(String condition) {
        return firing(condition).size();
    }

    /** The firing messages of {@code condition} the webhook received, in their order. */
    private List<JsonNode> firing(String condition) {
        return messages("firing").stream().filter(body -> condition.equals(body.path("condition").asText())).toList();
    }

    /** The messages of {@code type} the webhook received, in their order. */
    private List<JsonNode> messages(String type) {
        List<JsonNode> found = new ArrayList<>();
        for (ServeEvent event : receiver.getAllServeEvents()) {
            JsonNode body;
            try {
                body = JSON.readTree(event.getRequest().getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (type.equals(body.path("type").asText())) {
                found.add(body);
            }
        }
        found.sort(Comparator.comparingLong(body -> body.get("sequence").asLong()));
        return found;
    }

}
