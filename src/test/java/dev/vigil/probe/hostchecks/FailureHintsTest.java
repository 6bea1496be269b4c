package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hint for each kind of failure and what the run proved. Columns: kind, host, port, scheme of the probe (http,
 * https or tls), a name was resolved, a TLS handshake completed, a certificate history is kept, the HTTP status (0 for
 * none), the failure's message, the hint.
 */
class FailureHintsTest {
    private static final String NGINX_400 = "http://api.example.com:8443/ answered 400, expected 2xx; body starts:"
            + " <html> <head><title>400 The plain HTTP request was sent to HTTPS port</title></head>";

    @ParameterizedTest(name = "{0} {3} {1}: {9}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // A name that resolved, over TLS, with a history: the hints as they always were.
            "CONNECT_REFUSED | api.example.com | 443 | https | true | false | true | 0 | refused | Nothing answers where"
                    + " api.example.com resolves to: if its load balancer was recreated, DNS may still point at the"
                    + " old one; a dns block with the load balancer's address checks that.",
            "CERT_UNTRUSTED | api.example.com | 443 | https | true | true | true | 0 | untrusted | See the certificate"
                    + " history of api.example.com (vigil certs): a re-issue or a fallback to a default certificate"
                    + " shows there.",
            "HTTP_STATUS | api.example.com | 443 | https | true | true | true | 500 | answered 500 | DNS and TLS work:"
                    + " look at the application behind api.example.com.",
            // An IP literal involves no DNS, so no load balancer whose DNS may be stale.
            "CONNECT_REFUSED | 127.0.0.1 | 8080 | http | false | false | true | 0 | refused | Nothing answers at"
                    + " 127.0.0.1:8080: check that the service is listening on that address and port, and that no"
                    + " firewall is in the way.",
            "CONNECT_TIMEOUT | [::1] | 8080 | https | false | false | true | 0 | no answer | Nothing answers at"
                    + " [::1]:8080: check that the service is listening on that address and port, and that no"
                    + " firewall is in the way.",
            // A name pinned to an address given with the probe was not resolved either.
            "CONNECT_REFUSED | api.example.com | 443 | https | false | false | true | 0 | refused | Nothing answers at"
                    + " the address given for api.example.com:443: check that the service is listening on that"
                    + " address and port, and that no firewall is in the way.",
            // The reply to the handshake was plain HTTP: no certificate was involved.
            "TLS_HANDSHAKE | api.example.com | 8080 | https | true | false | false | 0 | TLS handshake with"
                    + " api.example.com at 127.0.0.1:8080 failed: Unsupported or unrecognized SSL message |"
                    + " api.example.com:8080 answered in plain text, not TLS, as a plain-HTTP port does: probe it as"
                    + " http://api.example.com:8080/, or use https:// on the port that serves TLS.",
            "TLS_HANDSHAKE | api.example.com | 8080 | https | true | false | true | 0 | Unrecognized SSL message,"
                    + " plaintext connection? | api.example.com:8080 answered in plain text, not TLS, as a plain-HTTP"
                    + " port does: probe it as http://api.example.com:8080/, or use https:// on the port that serves"
                    + " TLS.",
            "TLS_HANDSHAKE | mail.example.com | 25 | tls | true | false | true | 0 | Unsupported or unrecognized SSL"
                    + " message | mail.example.com:25 does not speak TLS from the first byte: it answered the TLS"
                    + " handshake in plain text. If its protocol upgrades with STARTTLS, set starttls; otherwise probe"
                    + " the port that serves TLS.",
            // Without a kept history, no pointer at one.
            "CERT_EXPIRED | api.example.com | 443 | https | true | true | false | 0 | expired | No certificate history"
                    + " is kept for this run: probe with --state-dir to keep one, and vigil certs shows a re-issue or"
                    + " a fallback to a default certificate of api.example.com.",
            "TLS_HANDSHAKE | api.example.com | 443 | https | true | false | false | 0 | Received fatal alert:"
                    + " handshake_failure | No certificate history is kept for this run: probe with --state-dir to"
                    + " keep one, and vigil certs shows a re-issue or a fallback to a default certificate of"
                    + " api.example.com.",
            // Plain HTTP involved no TLS: only what was proven.
            "HTTP_STATUS | api.example.com | 80 | http | true | false | true | 500 | answered 500 | DNS works: look at"
                    + " the application behind api.example.com.",
            "HTTP_STATUS | 127.0.0.1 | 443 | https | false | true | true | 500 | answered 500 | TLS works at"
                    + " 127.0.0.1:443: look at the application behind 127.0.0.1.",
            "BODY_MISMATCH | 127.0.0.1 | 80 | http | false | false | true | 200 | does not match | 127.0.0.1:80 took"
                    + " the connection: look at the application behind 127.0.0.1.",
            "HTTP_STATUS | api.example.com | 80 | http | true | true | true | 500 | answered 500 | DNS and TLS work:"
                    + " look at the application behind api.example.com.",
            // http:// to a port that expects TLS.
            "HTTP_STATUS | api.example.com | 8443 | http | true | false | true | 400 | `" + NGINX_400 + "` |"
                    + " api.example.com:8443 speaks TLS (it says the plain HTTP request was sent to its HTTPS port):"
                    + " probe it with https://api.example.com:8443/.",
            "HTTP_STATUS | api.example.com | 8443 | http | true | false | true | 400 | answered 400; body starts: You're"
                    + " speaking plain HTTP to an SSL-enabled server port. | api.example.com:8443 speaks TLS (it says"
                    + " the plain HTTP request was sent to its HTTPS port): probe it with https://api.example.com:8443/.",
            "PROTOCOL | 127.0.0.1 | 8443 | http | false | false | true | 0 | GET http://127.0.0.1:8443/: EOF reached"
                    + " while reading | 127.0.0.1:8443 closed the connection without an HTTP response, as a TLS port"
                    + " does to plain HTTP: if it speaks TLS, probe it with https://127.0.0.1:8443/; otherwise look at"
                    + " the application behind 127.0.0.1.",
            "PROTOCOL | localhost | 8443 | http | true | false | true | 0 | GET http://localhost:8443/: Invalid status"
                    + " line: \"\u0015\u0003\u0003\u0000\u0002\u0002\" | localhost:8443 speaks TLS (it answered the plain"
                    + " HTTP request with a TLS record): probe it with https://localhost:8443/.",
            // The same two from Vigil's own HTTP/1.1 reader, which plain HTTP/1.1 uses.
            "PROTOCOL | 127.0.0.1 | 8443 | http | false | false | true | 0 | GET http://127.0.0.1:8443/ via 127.0.0.1:8443:"
                    + " the server closed the connection without sending a response | 127.0.0.1:8443 closed the"
                    + " connection without an HTTP response, as a TLS port does to plain HTTP: if it speaks TLS, probe"
                    + " it with https://127.0.0.1:8443/; otherwise look at the application behind 127.0.0.1.",
            "PROTOCOL | localhost | 8443 | http | true | false | true | 0 | GET http://localhost:8443/ via"
                    + " 127.0.0.1:8443: the server answered with a TLS record, not HTTP | localhost:8443 speaks TLS (it"
                    + " answered the plain HTTP request with a TLS record): probe it with https://localhost:8443/.",
            "PROTOCOL | localhost | 8080 | http | true | false | true | 0 | GET http://localhost:8080/: Invalid status"
                    + " line: \"SSH-2.0-OpenSSH_9.6\" | DNS works: look at the application behind localhost.",
            // The same words over https prove nothing about the port.
            "PROTOCOL | api.example.com | 443 | https | true | true | true | 0 | GET https://api.example.com/: EOF"
                    + " reached while reading | DNS and TLS work: look at the application behind api.example.com.",
            "HTTP_STATUS | api.example.com | 8443 | http | true | false | true | 500 | `" + NGINX_400 + "` | DNS works:"
                    + " look at the application behind api.example.com.",
    })
    void aFailurePointsWhereTheEvidenceDoes(FailureKind kind, String host, int port, String scheme, boolean resolved,
            boolean tls, boolean history, int status, String message, String hint) {
        HintEvidence evidence = new HintEvidence(host, port, host.matches("[0-9.:\\[\\]]+"), !scheme.equals("http"),
                scheme.equals("tls"), resolved, tls, history, status, new Failure(kind, message));

        assertEquals(List.of(hint), FailureHints.of(evidence));
    }

    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void everyKindHasAHintOrIsExplainedByTheDnsChecks(FailureKind kind) {
        List<String> hints = FailureHints.of(new HintEvidence("api.example.com", 443, false, true, false, true, true,
                true, 0, new Failure(kind, "message")));

        assertEquals(kind == FailureKind.DNS_LB_MISMATCH || kind == FailureKind.SPLIT_BRAIN ? 0 : 1, hints.size());
    }
}
