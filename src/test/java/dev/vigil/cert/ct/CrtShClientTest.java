package dev.vigil.cert.ct;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.cert.Issuance;
import dev.vigil.testing.ClosedPort;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a WireMock crt.sh on loopback: the request it sends, the answers it reads, the failures. */
class CrtShClientTest {
    private static final List<String> NAMES = List.of("www.example.com", "api.example.com");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static WireMockServer crtSh;
    private static CrtShClient client;

    @BeforeAll
    static void start() {
        crtSh = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crtSh.start();
        client = new CrtShClient("vigil/test");
    }

    @AfterAll
    static void stop() {
        client.close();
        crtSh.stop();
    }

    @BeforeEach
    void reset() {
        crtSh.resetAll();
    }

    private static URI base() {
        return URI.create(crtSh.baseUrl() + "/");
    }

    private static CtQueryException failing(List<String> names, Duration timeout) {
        return assertThrows(CtQueryException.class, () -> client.lookup(base(), names, timeout));
    }

    @Test
    void countsEachCertificateForTheExactSetOnce() throws Exception {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson(CrtShFixtures.EXAMPLE)));

        CtAnswer answer = client.lookup(base(), NAMES, TIMEOUT);

        List<String> set = List.of("api.example.com", "www.example.com");
        Instant notAfter = Instant.parse("2027-02-16T08:14:03Z");
        assertEquals(List.of(
                new Issuance("04a1b2c3d4e5f60718293a4b5c6d7e8f9a0b", Instant.parse("2026-11-18T08:14:03Z"), set,
                        "Let's Encrypt", notAfter),
                new Issuance("03e5d1c0b9a8f7e6d5c4b3a29181706f5e4d", Instant.parse("2026-11-19T09:59:58Z"), set,
                        "Let's Encrypt", notAfter),
                new Issuance("c0ffee0123456789abcdef0123456789abcd", Instant.parse("2026-11-20T08:14:03Z"), set,
                        "Let's Encrypt", notAfter)),
                answer.issuances());
        assertEquals(2, answer.skippedEntries());
    }

    @Test
    void asksForTheFirstNameWithJsonHeaders() throws Exception {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("[]")));

        client.lookup(base(), NAMES, TIMEOUT);

        crtSh.verify(getRequestedFor(urlPathEqualTo("/"))
                .withQueryParam("q", equalTo("api.example.com"))
                .withQueryParam("output", equalTo("json"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("vigil/test")));
    }

    @Test
    void asksForANameRatherThanAWildcardAndForTheWildcardWhenThatIsAll() throws Exception {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson(CrtShFixtures.WILDCARD)));

        CtAnswer both = client.lookup(base(), List.of("*.example.com", "example.com"), TIMEOUT);
        CtAnswer wildcardOnly = client.lookup(base(), List.of("*.example.com"), TIMEOUT);

        crtSh.verify(getRequestedFor(urlPathEqualTo("/")).withQueryParam("q", equalTo("example.com")));
        crtSh.verify(getRequestedFor(urlPathEqualTo("/")).withQueryParam("q", equalTo("*.example.com")));
        assertEquals(List.of("0b0b"), both.issuances().stream().map(Issuance::serialHex).toList());
        assertEquals(List.of("0a0a"), wildcardOnly.issuances().stream().map(Issuance::serialHex).toList());
    }

    @Test
    void appendsTheQueryToAMirrorsPathAndToABareHost() throws Exception {
        crtSh.stubFor(get(urlPathEqualTo("/mirror/crtsh")).willReturn(okJson("[]")));
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("[]")));

        client.lookup(URI.create(crtSh.baseUrl() + "/mirror/crtsh"), NAMES, TIMEOUT);
        client.lookup(URI.create(crtSh.baseUrl()), NAMES, TIMEOUT);

        crtSh.verify(getRequestedFor(urlPathEqualTo("/mirror/crtsh")).withQueryParam("q", equalTo("api.example.com")));
        crtSh.verify(getRequestedFor(urlPathEqualTo("/")).withQueryParam("q", equalTo("api.example.com")));
    }

    @Test
    void anEmptyArrayIsNoCertificates() throws Exception {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("[]")));

        assertEquals(new CtAnswer(List.of(), 0), client.lookup(base(), NAMES, TIMEOUT));
    }

    @Test
    void badGatewayNamesTheStatusButNotTheHtmlPage() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        assertEquals("crt.sh answered 502 Bad Gateway for q=api.example.com", failing(NAMES, TIMEOUT).getMessage());
    }

    @Test
    void serviceUnavailableQuotesAPlainTextReason() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/plain").withBody("ERROR: canceling statement\n due to statement timeout\n")));

        assertEquals("crt.sh answered 503 Service Unavailable for q=api.example.com: ERROR: canceling statement due to"
                + " statement timeout", failing(NAMES, TIMEOUT).getMessage());
    }

    @Test
    void headersLaterThanTheTimeoutAreATimeout() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("[]").withFixedDelay(2_000)));

        long start = System.nanoTime();
        CtQueryException e = failing(NAMES, Duration.ofMillis(300));

        assertEquals("crt.sh did not answer within 300ms (q=api.example.com)", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1_500)) < 0);
    }

    @Test
    void aBodyTricklingPastTheTimeoutIsATimeout() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson(CrtShFixtures.EXAMPLE)
                .withChunkedDribbleDelay(20, 2_000)));

        long start = System.nanoTime();
        CtQueryException e = failing(NAMES, Duration.ofMillis(500));

        assertEquals("crt.sh did not finish its answer within 500ms (q=api.example.com)", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1_500)) < 0);
    }

    @Test
    void malformedJsonIsReportedWithJacksonsReasonAndPlace() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("[\n  {\"id\": 1,}\n]")));

        String message = failing(NAMES, TIMEOUT).getMessage();

        assertTrue(message.startsWith("crt.sh answer for q=api.example.com is not valid JSON: Unexpected character"),
                message);
        assertTrue(message.endsWith(" at line 2 column 12"), message);
    }

    @Test
    void aJsonObjectIsUnexpected() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("{\"error\": \"busy\"}")));

        assertEquals("crt.sh answer for q=api.example.com is unexpected JSON: expected an array, got an object",
                failing(NAMES, TIMEOUT).getMessage());
    }

    @Test
    void anAnswerOverTheCapIsRefused() {
        crtSh.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("[" + " ".repeat((int) CrtShClient.MAX_BODY_BYTES) + "]")));

        assertEquals("crt.sh answer too large for q=api.example.com: more than 16 MiB", failing(NAMES, TIMEOUT).getMessage());
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        try (ClosedPort port = ClosedPort.tcp()) {
            URI closed = URI.create("http://127.0.0.1:" + port.port() + "/");

            CtQueryException e = assertThrows(CtQueryException.class, () -> client.lookup(closed, NAMES, TIMEOUT));

            assertEquals("could not connect to crt.sh at " + closed + ": Connection refused", e.getMessage());
        }
    }

    @Test
    void queryUriKeepsAnExistingQueryAndEncodesTheName() {
        assertEquals("https://m.example/api?key=v&q=%C3%BC.example&output=json",
                CrtShClient.queryUri(URI.create("https://m.example/api?key=v"), "ü.example").toString());
        assertEquals("https://crt.sh/?q=*.example.com&output=json",
                CrtShClient.queryUri(URI.create("https://crt.sh"), "*.example.com").toString());
    }
}
