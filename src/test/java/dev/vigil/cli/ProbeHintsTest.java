package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Issued;
import dev.vigil.testing.RawTarget;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hint {@code vigil probe} gives for a failure says only what the run proved (issue 15, "the four misleading
 * hints"): no certificate history without one, no load balancer for an IP literal, no "TLS works" over plain HTTP.
 */
class ProbeHintsTest {
    private static final TestPki PKI = TestPki.create();
    private static final Issued LEAF = PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue();
    /** nginx's answer to a plain-HTTP request on its TLS port. */
    private static final String NGINX_400 = "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port"
            + "</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP"
            + " request was sent to HTTPS port</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    @TempDir
    Path dir;

    /** The run's failure kind and its hints. */
    private static List<String> kindAndHints(CliRun run) {
        assertEquals(2, run.exitCode(), run::toString);
        JsonNode json = run.json();
        List<String> got = new ArrayList<>(List.of(json.get("failure").get("kind").asText()));
        json.get("diagnosis").forEach(sentence -> got.add(sentence.asText()));
        return got;
    }

    /** A port that answers whatever it is sent, a TLS ClientHello too, with a plain HTTP response. */
    private static RawTarget plainHttp() throws Exception {
        return RawTarget.start(socket -> {
            socket.getInputStream().read(new byte[4096]);
            socket.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        });
    }

    @Test
    void httpsToAPlainHttpPortSaysItAnsweredPlainHttp() throws Exception {
        try (RawTarget target = plainHttp()) {
            String where = "localhost:" + target.port();

            assertEquals(List.of("tls_handshake", where + " answered in plain text, not TLS, as a plain-HTTP port does:"
                    + " probe it as http://" + where + "/, or use https:// on the port that serves TLS."),
                    kindAndHints(vigil("probe", "-o", "json", "https://" + where + "/")));
        }
    }

    @Test
    void theCertificateHistoryIsPointedAtOnlyWhenOneIsKept() throws Exception {
        try (TlsTestServer server = TlsTestServer.tls(LEAF).responder(Responders.ok("up")).start()) {
            String url = "https://localhost:" + server.port() + "/";

            assertEquals(List.of("cert_untrusted", "No certificate history is kept for this run: probe with"
                    + " --state-dir to keep one, and vigil certs shows a re-issue or a fallback to a default"
                    + " certificate of localhost."), kindAndHints(vigil("probe", "-o", "json", url)));
            assertEquals(List.of("cert_untrusted", "See the certificate history of localhost (vigil certs): a"
                    + " re-issue or a fallback to a default certificate shows there."),
                    kindAndHints(vigil("probe", "-o", "json", "--state-dir", dir.resolve("state").toString(), url)));
        }
    }

    @Test
    void aClosedPortOnAnIpLiteralNamesNoLoadBalancer() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            String where = "127.0.0.1:" + closed.port();

            assertEquals(List.of("connect_refused", "Nothing answers at " + where + ": check that the service is"
                    + " listening on that address and port, and that no firewall is in the way."),
                    kindAndHints(vigil("probe", "-o", "json", "http://" + where + "/")));
        }
    }

    @Test
    void httpToATlsPortSaysItSpeaksTlsNotThatTlsWorks() throws Exception {
        // The JDK's TLS server answers the request with an alert record, which the client quotes.
        try (TlsTestServer tls = TlsTestServer.tls(LEAF).responder(Responders.ok("up")).start();
                TlsTestServer nginx = TlsTestServer.plain().responder(Responders.fixed(400,
                        Map.of("Server", "nginx", "Content-Type", "text/html"), NGINX_400)).start()) {
            String atTls = "localhost:" + tls.port();
            String atNginx = "localhost:" + nginx.port();

            assertEquals(List.of("protocol", atTls + " speaks TLS (it answered the plain HTTP request with a TLS"
                    + " record): probe it with https://" + atTls + "/."),
                    kindAndHints(vigil("probe", "-o", "json", "http://" + atTls + "/")));
            assertEquals(List.of("http_status", atNginx + " speaks TLS (it says the plain HTTP request was sent to its"
                    + " HTTPS port): probe it with https://" + atNginx + "/."),
                    kindAndHints(vigil("probe", "-o", "json", "http://" + atNginx + "/")));
        }
    }

    @Test
    void dnsAndTlsWorkOnlyWhenANameResolvedAndAHandshakeCompleted() throws Exception {
        try (TlsTestServer tls = TlsTestServer.tls(LEAF).responder(Responders.fixed(500, Map.of(), "down")).start();
                TlsTestServer plain = TlsTestServer.plain().responder(Responders.fixed(500, Map.of(), "down")).start()) {
            String ca = TestPki.writePem(dir.resolve("root.pem"), PKI.root().certificate()).toString();

            assertEquals(List.of("http_status", "DNS and TLS work: look at the application behind localhost."),
                    kindAndHints(vigil("probe", "-o", "json", "--ca-file", ca, "https://localhost:" + tls.port() + "/")));
            assertEquals(List.of("http_status", "TLS works at 127.0.0.1:" + tls.port() + ": look at the application"
                    + " behind 127.0.0.1."),
                    kindAndHints(vigil("probe", "-o", "json", "--ca-file", ca, "https://127.0.0.1:" + tls.port() + "/")));
            assertEquals(List.of("http_status", "DNS works: look at the application behind localhost."),
                    kindAndHints(vigil("probe", "-o", "json", "http://localhost:" + plain.port() + "/")));
            assertEquals(List.of("http_status", "127.0.0.1:" + plain.port() + " took the connection: look at the"
                    + " application behind 127.0.0.1."),
                    kindAndHints(vigil("probe", "-o", "json", "http://127.0.0.1:" + plain.port() + "/")));
        }
    }
}
