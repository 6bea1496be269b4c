package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vigil.cert.ct.CrtShClient;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import dev.vigil.testing.WireMockHttps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The churn warning at the webhook, told with the restarts of the ingress controller's pods that a fake API server
 * lists: the pod restarts before each re-issue is served. Without access to the pods the sentence is the one without.
 */
class IngressRestartsAgentTest {
    private static final TestPki PKI = TestPki.create();
    private static final Issued LETS_ENCRYPT = PKI.intermediate("R11,O=Let's Encrypt,C=US");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "pods-token";
    private static final String PODS = "/api/v1/namespaces/ingress/pods";
    private static final String POD = "traefik-7d4b9c-x2x9z";
    /** The churn sentence's start, and its end up to the limit's usage, which depend on nothing here. */
    private static final String CHURN = "3 certificates for {api.localhost, localhost} in 1 h, each about 89 days before"
            + " the previous one would expire: the ingress is requesting a new certificate every time it starts; ";
    private static final String STORAGE = "its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not"
            + " persistent. 2 of 5 left;";

    @TempDir
    Path dir;

    private final WireMockServer receiver = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    private final HttpProbe http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
    private final CrtShClient ct = new CrtShClient("Vigil/test");
    private WireMockHttps api;
    private Agent agent;

    @BeforeEach
    void startReceivers() {
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        api = WireMockHttps.start(PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue());
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        ct.close();
        http.close();
        api.close();
        receiver.stop();
    }

    @Test
    void theChurnWarningSaysEachReissueCameSecondsAfterARestartOfTheIngressPod() throws Exception {
        String summary = churnWhile(starts -> answerPods(okJson(podList(starts))));

        // How many seconds depends on this machine's speed: the wording around them is the point.
        assertEquals(CHURN + "each re-issue was first seen within … s after a (re)start of pod " + POD
                + " (2 restarts); " + STORAGE, summary.replaceAll("within \\d+ s", "within … s")
                .replaceAll(" the next returns at .*", ""));
    }

    @Test
    void withoutAccessToThePodsTheChurnWarningIsAsBefore() throws Exception {
        String summary = churnWhile(starts -> answerPods(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden",\
                        "reason":"Forbidden","code":403}""")));

        assertEquals(CHURN + STORAGE, summary.replaceAll(" the next returns at .*", ""));
    }

    /** What the API server answers, from now on, to a request for the pods that bears the token. */
    private void answerPods(ResponseDefinitionBuilder response) {
        api.server().resetAll();
        api.server().stubFor(get(urlPathEqualTo(PODS)).withQueryParam("labelSelector",
                equalTo("app.kubernetes.io/name=traefik")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(response));
    }

    /** The pod list: one pod, started at the first of {@code starts}, its container restarted at the others. */
    private static String podList(List<Instant> starts) {
        Instant running = starts.getLast();
        String last = starts.size() < 2 ? "{}" : "{\"terminated\":{\"startedAt\":\"%s\",\"finishedAt\":\"%s\"}}"
                .formatted(starts.get(starts.size() - 2), running);
        return """
                {"kind":"PodList","apiVersion":"v1","items":[{"metadata":{"name":"%s","namespace":"ingress"},\
                "status":{"phase":"Running","startTime":"%s","containerStatuses":[{"name":"traefik",\
                "restartCount":%d,"state":{"running":{"startedAt":"%s"}},"lastState":%s}]}}]}"""
                .formatted(POD, starts.getFirst(), starts.size() - 1, running, last);
    }

    /** What the API server is told to answer when the ingress has (re)started at each of {@code starts}. */
    private interface PodsAnswer {
        void at(List<Instant> starts);
    }

    /**
     * The summary of the churn warning when three certificates for the same names, each half an hour after the one
     * before, are served one after another, the ingress (re)starting before each: {@code pods} answers for the pods.
     */
    private String churnWhile(PodsAnswer pods) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Path apiCa = TestPki.writePem(dir.resolve("api-ca.pem"), PKI.root().certificate());
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        List<Issued> leaves = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leaves.add(pair(first.plus(Duration.ofMinutes(30L * i))));
        }
        List<Instant> starts = new ArrayList<>();
        try (TlsTestServer server = TlsTestServer.tls(leaves.getFirst()).responder(Responders.ok("up")).start()) {
            for (Issued leaf : leaves) {
                starts.add(Instant.now()); // the ingress (re)starts, then serves its new certificate
                pods.at(starts);
                server.serve(leaf);
                if (agent == null) {
                    agent = start(server, ca, token, apiCa);
                }
                long notBefore = leaf.certificate().getNotBefore().toInstant().getEpochSecond();
                Eventually.until(WAIT, "certificate served from " + leaf.certificate().getNotBefore() + " seen",
                        () -> Scrape.of(agent.address()).value("vigil_cert_not_before_timestamp_seconds", "probe",
                                "api").orElse(0) == notBefore);
            }
            Eventually.until(WAIT, "a firing cert_churn message", () -> !firing("cert_churn").isEmpty());
            return firing("cert_churn").getFirst().get("summary").asText();
        }
    }

    /** The agent probing {@code server} every 300 ms, reading its ingress pods from the fake API server. */
    private Agent start(TlsTestServer server, Path ca, Path token, Path apiCa) throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://localhost:%d/", "interval": "300ms", "timeout": "300ms",
                  "tls": {"caFile": "%s"},
                  "cert": {"ingressPods": {"namespace": "ingress", "labelSelector": "app.kubernetes.io/name=traefik",
                                           "apiUrl": "%s", "tokenFile": "%s", "caFile": "%s"}}}],
                 "outputs": {"webhooks": [{"name": "hook", "url": "http://127.0.0.1:%d/hook"}],
                             "alerts": {"failureThreshold": 1}}}
                """.formatted(server.port(), ca, api.httpsUri(), token, apiCa, receiver.port()));
        return Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(),
                new ConfigLoader(name -> null)::load, http, ct);
    }

    /** A certificate for {@code localhost} and {@code api.localhost} from the Let's Encrypt-like intermediate. */
    private static Issued pair(Instant notBefore) {
        return PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost", "api.localhost")
                .validBetween(notBefore, notBefore.plus(Duration.ofDays(90))).issue();
    }

    /** The firing messages of {@code condition} the webhook received. */
    private List<JsonNode> firing(String condition) {
        List<JsonNode> found = new ArrayList<>();
        for (ServeEvent event : receiver.getAllServeEvents()) {
            try {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                if (condition.equals(body.path("condition").asText()) && "firing".equals(body.path("type").asText())) {
                    found.add(body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }
}
