package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident replayed through the agent and a fake receiver: the same two names re-issued four times within two
 * hours by a Let's Encrypt-like CA, then the ingress falls back to its self-signed default certificate. The churn
 * warning comes before the limit is used up, and the fallback's critical message names the CA's refusal first.
 */
class CauseAgentTest {
    private static final TestPki PKI = TestPki.create();
    private static final Issued LETS_ENCRYPT = PKI.intermediate("R11,O=Let's Encrypt,C=US");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

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
        receiver.stop();
    }

    @Test
    void theChurnWarningComesFirstAndTheFallbackSaysTheCaRefuses() throws Exception {
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        // Five certificates half an hour apart, the last an hour ago: the limit's next token returns 34 h after the
        // first, 31 h from now.
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        List<Issued> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(pair(first.plus(Duration.ofMinutes(30L * i))));
        }
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaves.getFirst()).responder(Responders.ok("up")).start()) {
            Path config = Files.writeString(dir.resolve("probes.json"), """
                    {"probes": [{"name": "api", "url": "https://localhost:%d/", "interval": "300ms", "timeout": "300ms",
                      "tls": {"caFile": "%s"}}],
                     "outputs": {"webhooks": [{"name": "hook", "url": "http://127.0.0.1:%d/hook"}],
                                 "alerts": {"failureThreshold": 1}}}
                    """.formatted(server.port(), ca, receiver.port()));
            agent = start(config);
            for (Issued leaf : leaves) {
                server.serve(leaf);
                long notBefore = leaf.certificate().getNotBefore().toInstant().getEpochSecond();
                Eventually.until(WAIT, "certificate " + serial(leaf) + " seen", () -> Scrape.of(agent.address())
                        .value("vigil_cert_not_before_timestamp_seconds", "probe", "api").orElse(0) == notBefore);
            }
            server.serve(TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("localhost").issue());

            Instant next = first.plus(Duration.ofHours(34));
            String returns = MINUTE.format(next) + ", in 31 h";
            JsonNode churn = awaitFiring("cert_churn");
            assertEquals("warning", churn.get("severity").asText());
            // The third certificate makes the signature: two re-issues an hour after the first.
            assertEquals("3 certificates for {api.localhost, localhost} in 1 h, each about 89 days before the previous"
                    + " one would expire: the ingress is requesting a new certificate every time it starts; its ACME"
                    + " storage (Traefik acme.json, a cert-manager Secret) is probably not persistent. 2 of 5 left;"
                    + " the next returns at " + returns + ".", churn.get("summary").asText());

            JsonNode fallback = awaitFiring("cert_invalid");
            assertEquals("critical", fallback.get("severity").asText());
            String used = leaves.stream().map(leaf -> serial(leaf) + " at "
                    + MINUTE.format(leaf.certificate().getNotBefore().toInstant())).collect(Collectors.joining("; "));
            assertEquals("The CA refuses new certificates for {api.localhost, localhost} until " + returns
                    + ": 5 certificates for them were issued in the last 168 h (" + used + "), so the ingress serves"
                    + " its default certificate. Make its ACME storage persistent (Traefik acme.json, a cert-manager"
                    + " Secret); then wait until " + MINUTE.format(next) + ", or change the set of names.",
                    fallback.get("summary").asText());
            // The symptom follows the cause.
            assertTrue(fallback.get("details").get(0).asText().startsWith("cert_untrusted: "), fallback.toString());
            assertEquals(1, firing("cert_churn").size(), "one churn warning");
            assertEquals(1, firing("cert_invalid").size(), "one fallback message");
        }
    }

    private Agent start(Path config) throws Exception {
        return Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(),
                new ConfigLoader(name -> null)::load, http, ct);
    }

    /** A certificate for {@code localhost} and {@code api.localhost} from the Let's Encrypt-like intermediate. */
    private static Issued pair(Instant notBefore) {
        return PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost", "api.localhost")
                .validBetween(notBefore, notBefore.plus(Duration.ofDays(90))).issue();
    }

    private static String serial(Issued leaf) {
        return CertificateFactsReader.serialHex(leaf.certificate().getSerialNumber());
    }

    private JsonNode awaitFiring(String condition) {
        Eventually.until(WAIT, "a firing " + condition + " message", () -> !firing(condition).isEmpty());
        return firing(condition).getFirst();
    }

    /** The firing messages of {@code condition} the receiver got, in order. */
    private List<JsonNode> firing(String condition) {
        List<JsonNode> found = new ArrayList<>();
        for (ServeEvent event : receiver.getAllServeEvents()) {
            JsonNode body;
            try {
                body = JSON.readTree(event.getRequest().getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (condition.equals(body.path("condition").asText()) && "firing".equals(body.path("type").asText())) {
                found.add(body);
            }
        }
        found.sort((a, b) -> Long.compare(a.get("sequence").asLong(), b.get("sequence").asLong()));
        return found;
    }
}
