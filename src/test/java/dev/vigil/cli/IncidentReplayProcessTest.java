package dev.vigil.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.cli.CliRun.vigil;
import static dev.vigil.testing.CauseTexts.MINUTE;
import static dev.vigil.testing.CauseTexts.crtShEntry;
import static dev.vigil.testing.CauseTexts.withoutRelativeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.probe.tls.CertificateFactsReader;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import dev.vigil.testing.WireMockHttps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each cause of issue 15 replayed through the real agent process ({@code vigil run} in a child JVM) and a fake Slack
 * (WireMock over HTTPS, trusted through the child's {@code javax.net.ssl.trustStore}): the exact first message, the
 * number of messages per incident, and what {@code vigil certs} and {@code vigil why} read from the state directory
 * once the agent stopped on SIGTERM.
 */
class IncidentReplayProcessTest {
    private static final TestPki PKI = TestPki.create();
    /** An intermediate named like Let's Encrypt's: only its certificates count against the limits Vigil models. */
    private static final Issued LETS_ENCRYPT = PKI.intermediate("R11,O=Let's Encrypt,C=US");
    private static final String TRUST_PASSWORD = "vigil-replay";
    private static final String SLACK_PATH = "/services/T0REPLAY/B0REPLAY/replay";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern CONTEXT = Pattern.compile("`([a-z_]+)` · ([a-z]+) · #(\\d+) · ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private WireMockHttps slack;
    private AgentProcess agent;
    private int metricsPort;
    private Path ca;
    private Path config;
    private List<String> jvmOptions;

    /**
     * One message at the fake Slack, read back from its body.
     *
     * @param type      the header's word: {@code Firing}, {@code Resolved}, {@code Event}, {@code Still firing}
     * @param condition from the context line
     * @param severity  from the context line
     * @param text      Slack's fallback text, what a notification shows
     */
    record Message(String type, String condition, String severity, long sequence, String text, JsonNode body) {
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /**
     * Starts the fake Slack and the agent with {@code probes} (the config's probes array), every alert firing on its
     * first failing run and resolving on its first passing one; waits until it serves its metrics.
     */
    private void startAgent(String probes) throws IOException {
        slack = closing(WireMockHttps.start(PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue()));
        slack.server().stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(ok("ok")));
        ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": %s,
                 "outputs": {"slack": [{"name": "oncall", "webhookUrl": "%s"}],
                             "alerts": {"failureThreshold": 1, "successThreshold": 1}}}
                """.formatted(probes.replace("CA_FILE", ca.toString()), slack.httpsUri(SLACK_PATH)));
        Path trust = TestPki.writeTrustStore(dir.resolve("trust.p12"), TRUST_PASSWORD, PKI.root().certificate());
        jvmOptions = List.of("-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_PASSWORD);
        launch();
    }

    /** Starts the agent with the config and state directory of {@link #startAgent}, again after a stop. */
    private void launch() throws IOException {
        agent = AgentProcess.start(dir, config, jvmOptions, Map.of());
        await("the agent listening", () -> agent.log().stream().anyMatch(line -> LISTENING.matcher(line).find()));
        Matcher started = agent.log().stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        metricsPort = Integer.parseInt(started.group(1));
    }

    /**
     * A probe of {@code url} every second trusting the test CA, with {@code more} JSON members after its own; the
     * whole interval as its timeout, as a cold JVM's first request can take over half a second.
     */
    private static String probe(String name, String url, String more) {
        return """
                {"name": "%s", "url": "%s", "interval": "2s", "timeout": "2s", "tls": {"caFile": "CA_FILE"}%s}"""
                .formatted(name, url, more.isEmpty() ? "" : ", " + more);
    }

    /** Waits for {@code condition}; a failure shows the agent's log and what Slack got. */
    private void await(String what, java.util.function.BooleanSupplier condition) {
        try {
            Eventually.until(WAIT, what, () -> {
                if (!agent.process().isAlive()) {
                    throw new AssertionError("the agent exited with " + agent.process().exitValue() + " before "
                            + what);
                }
                return condition.getAsBoolean();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nSlack got: " + (slack == null ? "-" : messages().stream()
                    .map(Message::text).toList()) + "\nagent log:\n" + String.join("\n", agent.log()), e);
        }
    }

    /** The value of the series {@code name} of probe {@code api} with {@code labels}, if the agent serves it. */
    private OptionalDouble metric(String name, String labels) {
        String body;
        try {
            body = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return body.lines().filter(line -> line.startsWith(name + "{") && line.contains("probe=\"api\"")
                && line.contains(labels)).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ')
                        + 1))).findFirst();
    }

    /** Every message Slack got, in the order of their sequence numbers. */
    private List<Message> messages() {
        List<Message> found = new ArrayList<>();
        for (LoggedRequest request : slack.server().findAll(anyRequestedFor(anyUrl()))) {
            JsonNode body;
            try {
                body = JSON.readTree(request.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode blocks = body.get("blocks");
            String header = blocks.get(0).get("text").get("text").asText();
            String type = header.substring(header.indexOf(' ') + 1, header.indexOf(" · "));
            Matcher context = CONTEXT.matcher(blocks.get(blocks.size() - 1).get("elements").get(0).get("text")
                    .asText());
            assertTrue(context.find(), body::toString);
            found.add(new Message(type, context.group(1), context.group(2), Long.parseLong(context.group(3)),
                    body.get("text").asText(), body));
        }
        found.sort(Comparator.comparingLong(Message::sequence));
        return found;
    }

    /** The messages about {@code condition}. */
    private List<Message> about(String condition) {
        return messages().stream().filter(m -> m.condition().equals(condition)).toList();
    }

    /** Waits for the first message of {@code type} about {@code condition} and returns it. */
    private Message awaitMessage(String type, String condition) {
        await("a " + type + " " + condition + " message at Slack",
                () -> about(condition).stream().anyMatch(m -> m.type().equals(type)));
        return about(condition).stream().filter(m -> m.type().equals(type)).findFirst().orElseThrow();
    }

    /**
     * Waits for {@code runs} more connections to {@code server}: runs after the last message that would have sent
     * more. The queue sends one message a second, so two runs of two seconds leave time for anything more to arrive.
     */
    private void awaitRuns(TlsTestServer server, int runs) {
        int accepted = server.connectionsAccepted();
        await(runs + " more runs", () -> server.connectionsAccepted() >= accepted + runs);
    }

    /** Stops the agent as a service manager does (SIGTERM) and waits for it to exit. */
    private void stopAgent() throws InterruptedException {
        agent.process().destroy();
        assertTrue(agent.process().waitFor(10, TimeUnit.SECONDS), () -> "still running; log: " + agent.log());
        assertEquals(143, agent.process().exitValue(), "the JVM's exit status after SIGTERM");
    }

    private CliRun why(String... more) {
        List<String> args = new ArrayList<>(List.of("why", "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return vigil(args.toArray(String[]::new));
    }

    private CliRun certs() {
        return vigil("certs", "--state-dir", dir.resolve("state").toString());
    }

    /**
     * Cause 1 and 2: the same two names re-issued five times within two hours (the churn warning), then the ingress
     * falls back to its self-signed default certificate because the CA refuses the set (one critical message with the
     * symptoms under it).
     */
    @Test
    void churnThenFallbackWhileTheCaRefuses() throws Exception {
        // As in CertHistoryAgentTest: 25 s later than 3 h ago keeps "in 31 h" for the first 55 s of the test.
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3)).plusSeconds(25);
        List<Issued> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(pair(first.plus(Duration.ofMinutes(30L * i))));
        }
        TlsTestServer server = closing(TlsTestServer.tls(leaves.getFirst()).responder(Responders.ok("up")).start());
        startAgent("[" + probe("api", "https://localhost:" + server.port() + "/", "") + "]");
        for (Issued leaf : leaves) {
            server.serve(leaf);
            long notBefore = leaf.certificate().getNotBefore().toInstant().getEpochSecond();
            await("certificate " + serial(leaf) + " seen", () -> metric("vigil_cert_not_before_timestamp_seconds", "")
                    .orElse(0) == notBefore);
        }
        server.serve(TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("localhost").issue());

        Instant next = first.plus(Duration.ofHours(34));
        String returns = MINUTE.format(next) + ", in …";
        Message churn = awaitMessage("Firing", "cert_churn");
        assertEquals("warning", churn.severity());
        assertEquals("⚠️ Firing · api · certificate re-issued on every restart: 3 certificates for {api.localhost,"
                + " localhost} in 1 h, each about 89 days before the previous one would expire: the ingress is"
                + " requesting a new certificate every time it starts; its ACME storage (Traefik acme.json, a"
                + " cert-manager Secret) is probably not persistent. 2 of 5 left; the next returns at " + returns + ".",
                withoutRelativeTime(churn.text()));
        Message fallback = awaitMessage("Firing", "cert_invalid");
        assertEquals("critical", fallback.severity());
        String used = leaves.stream().map(leaf -> serial(leaf) + " at "
                + MINUTE.format(leaf.certificate().getNotBefore().toInstant())).collect(Collectors.joining("; "));
        assertEquals("🔴 Firing · api · certificate invalid: The CA refuses new certificates for {api.localhost,"
                + " localhost} until " + returns + ": 5 certificates for them were issued in the last 168 h (" + used
                + "), so the ingress serves its default certificate. Make its ACME storage persistent (Traefik"
                + " acme.json, a cert-manager Secret); then wait until " + MINUTE.format(next) + ", or change the set"
                + " of names.", withoutRelativeTime(fallback.text()));
        awaitRuns(server, 2);

        // One firing message for the fallback; the churn warning before it and its escalation when the limit ran out;
        // nothing of its own for what the causes explain.
        assertEquals(List.of("Firing critical"), typesAndSeverities("cert_invalid"));
        assertEquals(List.of("Firing warning", "Firing critical"), typesAndSeverities("cert_churn"));
        assertEquals(List.of(), about("duplicate_limit"));
        assertEquals(1, about("cert_changed").size(), "only the re-issue before the churn signature: " + messages());

        stopAgent();
        CliRun certs = certs();
        assertEquals(0, certs.exitCode(), certs::toString);
        assertTrue(certs.stdout().contains("  issuer   CN=TRAEFIK DEFAULT CERT\n"), certs::toString);
        // The set the CA refuses outlives the certificate; the default certificate's own set counts nothing.
        assertTrue(certs.stdout().contains("  limit    exact set: 0 issued in 168 h, 5 left\n"), certs::toString);
        assertTrue(certs.stdout().contains("  limit    earlier set {api.localhost, localhost}: 5 issued in 168 h,"
                + " 0 left, next available " + next + " [critical] (served until "), certs::toString);
        CliRun why = why("api");
        assertEquals(2, why.exitCode(), why::toString);
        String fallbackSummary = fallback.text().substring(fallback.text().indexOf(": ") + 2);
        assertTrue(why.stdout().startsWith("api: 2 incidents, CRITICAL\n"), why::toString);
        assertTrue(why.stdout().contains("\n  cert_invalid (critical), firing since "), why::toString);
        assertTrue(why.stdout().contains("\n    " + fallbackSummary + "\n"), why::toString);
        assertTrue(why.stdout().contains("\n    Symptoms:\n      - cert_untrusted: "), why::toString);
        JsonNode incidents = why("api", "--output", "json").json().get("probes").get(0).get("incidents");
        assertEquals(List.of("cert_churn", "cert_invalid"), List.of(incidents.get(0).get("condition").asText(),
                incidents.get(1).get("condition").asText()));
        assertEquals(fallbackSummary, incidents.get(1).get("cause").asText());

        // The ingress serves its last certificate again; the agent, restarted, closes the incident it told.
        server.serve(leaves.getLast());
        launch();
        Message resolved = awaitMessage("Resolved", "cert_invalid");
        assertTrue(resolved.text().matches("✅ Resolved · api · certificate invalid: cert_invalid resolved"
                + " \\(down for [0-9dhms ]+\\)"), resolved::text);
        awaitRuns(server, 2);
        assertEquals(List.of("Firing critical", "Resolved critical"), typesAndSeverities("cert_invalid"));
        assertEquals(List.of(), about("duplicate_limit"));
        assertEquals(1, about("cert_changed").size(), () -> "the return of the certificate the fallback replaced is"
                + " no change of its own: " + messages());
    }

    /** Cause 3: the certificate is 20 days past its renewal window and nothing newer was seen. */
    @Test
    void renewalFailing() throws Exception {
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(80)).minusSeconds(60);
        Issued leaf = pair(issued);
        TlsTestServer server = closing(TlsTestServer.tls(leaf).responder(Responders.ok("up")).start());
        startAgent("[" + probe("api", "https://localhost:" + server.port() + "/", "") + "]");

        Message expiring = awaitMessage("Firing", "cert_expiring");
        assertEquals("warning", expiring.severity());
        assertEquals("⚠️ Firing · api · certificate expiring: renewal is failing: the certificate for {api.localhost,"
                + " localhost} (serial " + serial(leaf) + ", issued " + MINUTE.format(issued) + ") is past its renewal"
                + " window since " + MINUTE.format(issued.plus(Duration.ofDays(60))) + ", … ago, and no newer"
                + " certificate was seen at the endpoint; it expires at "
                + MINUTE.format(issued.plus(Duration.ofDays(90))) + ", in …. Check the ingress's ACME client logs"
                + " (Traefik, cert-manager) for the CA's error.", withoutRelativeTime(expiring.text()));
        awaitRuns(server, 2);
        assertEquals(List.of("Firing warning"), typesAndSeverities("cert_expiring"));
        assertEquals(1, messages().size(), () -> "one message: " + messages());

        stopAgent();
        CliRun certs = certs();
        assertEquals(0, certs.exitCode(), certs::toString);
        assertTrue(certs.stdout().contains("  serial   " + serial(leaf) + ", verified\n"), certs::toString);
        CliRun why = why();
        assertEquals(1, why.exitCode(), why::toString);
        assertTrue(why.stdout().startsWith("api: 1 incident, WARNING\n  cert_expiring (warning), firing since "),
                why::toString);
        assertTrue(why.stdout().contains("\n    " + expiring.text().substring(expiring.text().indexOf(": ") + 2)
                + "\n"), why::toString);
        assertTrue(why.stdout().contains("\n    Symptoms:\n      - certificate for api.localhost, localhost expires in"
                + " 9 days"), why::toString);

        // Renewed at last: the agent, restarted, closes the incident.
        Issued renewed = pair(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)));
        server.serve(renewed);
        launch();
        Message resolved = awaitMessage("Resolved", "cert_expiring");
        assertTrue(resolved.text().matches("✅ Resolved · api · certificate expiring: cert_expiring resolved"
                + " \\(down for [0-9dhms ]+\\)"), resolved::text);
        awaitRuns(server, 2);
        assertEquals(List.of("Firing warning", "Resolved warning"), typesAndSeverities("cert_expiring"));
    }

    /** Cause 3, second half: CT lists a newer certificate for the served name that the endpoint does not serve. */
    @Test
    void issuedButNotServed() throws Exception {
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
        Instant newer = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        Issued leaf = PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost")
                .validBetween(issued, issued.plus(Duration.ofDays(90))).issue();
        WireMockServer crtSh = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        crtSh.start();
        closing(crtSh::stop);
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("[" + crtShEntry(1, serial(leaf), issued) + "," + crtShEntry(2, "7b02", newer) + "]")));
        TlsTestServer server = closing(TlsTestServer.tls(leaf).responder(Responders.ok("up")).start());
        startAgent("[" + probe("api", "https://localhost:" + server.port() + "/",
                "\"cert\": {\"ct\": {\"enabled\": true, \"url\": \"" + crtSh.baseUrl() + "/\"}}") + "]");

        Message notServed = awaitMessage("Firing", "cert_not_served");
        assertEquals("warning", notServed.severity());
        assertEquals("⚠️ Firing · api · newer certificate not served: a newer certificate for {localhost} was issued"
                + " at " + MINUTE.format(newer) + ", … ago (serial 7b02, found in CT) but the endpoint still serves"
                + " serial " + serial(leaf) + " issued at " + MINUTE.format(issued) + ": the ingress did not load it —"
                + " restart or reload the ingress, or check that its certificate store is the one it reads.",
                withoutRelativeTime(notServed.text()));
        awaitRuns(server, 2);
        assertEquals(List.of("Firing warning"), typesAndSeverities("cert_not_served"));
        assertEquals(1, messages().size(), () -> "one message: " + messages());

        stopAgent();
        CliRun certs = certs();
        assertEquals(0, certs.exitCode(), certs::toString);
        // The served certificate is 10 days old, past the 168 h window: only the one in CT counts.
        assertTrue(certs.stdout().contains("  limit    exact set: 1 issued in 168 h, 4 left"), certs::toString);
        CliRun why = why("api", "-o", "json");
        assertEquals(1, why.exitCode(), why::toString);
        JsonNode incident = why.json().get("probes").get(0).get("incidents").get(0);
        assertEquals("cert_not_served", incident.get("condition").asText());
        assertEquals(notServed.text().substring(notServed.text().indexOf(": ") + 2), incident.get("cause").asText());
    }

    /** Cause 4: the load balancer was recreated at 127.0.0.3, DNS still answers the old one, 127.0.0.2; then fixed. */
    @Test
    void dnsStaleAfterTheLoadBalancerWasRecreated() throws Exception {
        String host = "api.incident.test";
        TestDnsServer dns = closing(TestDnsServer.start());
        dns.answer(host, RecordType.A, new DnsRecord(host, RecordType.A, 3600, "127.0.0.2"));
        dns.answer(host, RecordType.AAAA, List.of(), List.of());
        Issued leaf = PKI.leaf(host).sans(host).issue();
        List<TlsTestServer> balancers = TlsTestServer.startOnSharedPort(
                TlsTestServer.tls(leaf).bindAddress("127.0.0.2").responder(Responders.ok("old")),
                TlsTestServer.tls(leaf).bindAddress("127.0.0.3").responder(Responders.ok("new")));
        balancers.forEach(this::closing);
        startAgent("[" + probe("api", "https://" + host + ":" + balancers.getFirst().port() + "/",
                "\"dns\": {\"resolvers\": [\"127.0.0.1:" + dns.port() + "\"], \"authoritative\": false,"
                        + " \"expect\": {\"addresses\": [\"127.0.0.3\"]}}") + "]");

        Message stale = awaitMessage("Firing", "dns_lb_mismatch");
        assertEquals("critical", stale.severity());
        assertEquals("🔴 Firing · api · DNS not pointing at the load balancer: dns_lb_mismatch: " + host + " resolves to"
                + " 127.0.0.2 but the load balancer (expect.addresses) is 127.0.0.3: update the A record",
                stale.text());
        dns.answer(host, RecordType.A, new DnsRecord(host, RecordType.A, 3600, "127.0.0.3"));
        awaitMessage("Resolved", "dns_lb_mismatch");
        awaitRuns(balancers.get(1), 2);
        assertEquals(List.of("Firing critical", "Resolved critical"), typesAndSeverities("dns_lb_mismatch"));
        assertEquals(2, messages().size(), () -> "one firing, one resolved: " + messages());

        stopAgent();
        CliRun why = why("api");
        assertEquals(0, why.exitCode(), why::toString);
        assertTrue(why.stdout().startsWith("api: no incident"), why::toString);
    }

    /** Cause 5: connection refused on a closed port of an IP literal, then the server comes back. */
    @Test
    void plainOutageAndItsResolution() throws Exception {
        ClosedPort closed = ClosedPort.tcp();
        int port = closed.port();
        String url = "http://127.0.0.1:" + port + "/";
        try {
            startAgent("[" + probe("api", url, "") + "]");
            Message down = awaitMessage("Firing", "down");
            assertEquals("critical", down.severity());
            assertEquals("🔴 Firing · api · down: connect_refused: GET " + url + ": connection to 127.0.0.1:" + port
                    + " refused (nothing listens on that port)", down.text());
            // While the agent runs, as soon as it saved the incident.
            await("vigil why telling the outage", () -> why("api").exitCode() == 2);
            assertTrue(why("api").stdout().contains("\n    " + down.text().substring(down.text().indexOf(": ") + 2)
                    + "\n"), () -> why("api").toString());
        } finally {
            closed.close();
        }
        // The port is ours until this instant: the server takes it back at once.
        TlsTestServer server = closing(TlsTestServer.plain().port(port).responder(Responders.ok("up")).start());
        Message resolved = awaitMessage("Resolved", "down");
        assertTrue(resolved.text().matches("✅ Resolved · api · down: down resolved \\(down for [0-9dhms ]+\\)"),
                resolved::text);
        awaitRuns(server, 2);
        assertEquals(List.of("Firing critical", "Resolved critical"), typesAndSeverities("down"));
        assertEquals(2, messages().size(), () -> "one firing, one resolved: " + messages());

        stopAgent();
        CliRun why = why("api");
        assertEquals(0, why.exitCode(), why::toString);
        assertEquals("api: no incident\n", why.stdout());
    }

    private List<String> typesAndSeverities(String condition) {
        return about(condition).stream().map(m -> m.type() + " " + m.severity()).toList();
    }

    private static String serial(Issued leaf) {
        return CertificateFactsReader.serialHex(leaf.certificate().getSerialNumber());
    }

    /** A certificate for {@code localhost} and {@code api.localhost} from the Let's Encrypt-like intermediate. */
    private static Issued pair(Instant notBefore) {
        return PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost", "api.localhost")
                .validBetween(notBefore, notBefore.plus(Duration.ofDays(90))).issue();
    }

}
