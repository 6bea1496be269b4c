package dev.vigil.probe.hostchecks;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What to look at next for a failed run of a probe without DNS checks: the sentence that points from "down" to why,
 * chosen by the failure's kind and by what the run proved ({@link HintEvidence}), never claiming more.
 */
final class FailureHints {
    /** The JDK's words when the reply to its ClientHello is no TLS record (older JDKs: "Unrecognized SSL message"). */
    private static final String NOT_TLS = "unrecognized ssl message";
    /** What nginx and Apache httpd answer to a plain-HTTP request on their TLS port. */
    private static final List<String> SENT_TO_TLS_PORT = List.of("the plain http request was sent to https port",
            "speaking plain http to an ssl-enabled server port");
    /**
     * The words for a response that starts with a TLS record header (content type 20 to 23, version 3.x), a TLS
     * server's alert to a plain-HTTP request: Vigil's HTTP/1.1 reader's, or the JDK client's (HTTP/2 without TLS).
     */
    private static final Pattern TLS_RECORD = Pattern.compile(
            "answered with a tls record|invalid status line: \"[\\x14-\\x17]\\x03");
    /**
     * The words when the connection closed before any response (a TLS port may do that to plain HTTP): Vigil's
     * HTTP/1.1 reader's, or the JDK client's.
     */
    private static final List<String> NO_RESPONSE = List.of("closed the connection without sending a response",
            "eof reached while reading");

    private FailureHints() {
    }

    /** The diagnosis of a failed run; empty for a kind whose message says it all. */
    static List<String> of(HintEvidence evidence) {
        String host = evidence.host();
        String message = evidence.failure().message().toLowerCase(Locale.ROOT);
        String hint = switch (evidence.failure().kind()) {
            case DNS -> "Check that " + host + " has an A or AAAA record at its authoritative servers; a dns block on"
                    + " the probe compares every resolver's answer.";
            case CONNECT_REFUSED, CONNECT_TIMEOUT -> evidence.nameResolved()
                    ? "Nothing answers where " + host + " resolves to: if its load balancer was recreated, DNS may"
                            + " still point at the old one; a dns block with the load balancer's address checks that."
                    : "Nothing answers at " + (evidence.ipLiteral() ? "" : "the address given for ")
                            + evidence.address() + ": check that the service is listening on that address and port,"
                            + " and that no firewall is in the way.";
            case TLS_HANDSHAKE, CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_UNTRUSTED, CERT_HOSTNAME_MISMATCH ->
                    message.contains(NOT_TLS) ? notTls(evidence) : certificate(evidence);
            case STARTTLS -> "The server at " + host + " did not upgrade the connection to TLS: check that this port"
                    + " speaks the protocol named by starttls and offers STARTTLS (a port with TLS from the first byte"
                    + " needs no starttls).";
            case TIMEOUT -> "The server took the connection but did not answer in time: look at the backend behind "
                    + host + ".";
            case HTTP_STATUS, BODY_MISMATCH, BODY_TOO_LARGE, REDIRECT, PROTOCOL -> application(evidence, message);
            case INTERNAL -> "Vigil itself failed during this run, so nothing is known about " + host
                    + ": see the agent's log, and restart it if this repeats.";
            case DNS_LB_MISMATCH, SPLIT_BRAIN -> null;
        };
        return hint == null ? List.of() : List.of(hint);
    }

    /** The reply to the TLS handshake was not TLS at all: the port speaks something else, most often plain HTTP. */
    private static String notTls(HintEvidence evidence) {
        String where = evidence.address();
        return evidence.tlsKind()
                ? where + " does not speak TLS from the first byte: it answered the TLS handshake in plain text."
                        + " If its protocol upgrades with STARTTLS, set starttls; otherwise probe the port that serves"
                        + " TLS."
                : where + " answered in plain text, not TLS, as a plain-HTTP port does: probe it as http://" + where
                        + "/, or use https:// on the port that serves TLS.";
    }

    /** Only a kept certificate history can show a re-issue or a fallback; without one, say how to keep it. */
    private static String certificate(HintEvidence evidence) {
        return evidence.certHistoryKept()
                ? "See the certificate history of " + evidence.host() + " (vigil certs): a re-issue or a fallback to a"
                        + " default certificate shows there."
                : "No certificate history is kept for this run: probe with --state-dir to keep one, and vigil certs"
                        + " shows a re-issue or a fallback to a default certificate of " + evidence.host() + ".";
    }

    /** The server was reached; say only what the run proved about DNS and TLS before pointing at the application. */
    private static String application(HintEvidence evidence, String message) {
        String where = evidence.address();
        if (!evidence.tlsAsked() && !evidence.tlsCompleted()) {
            if (evidence.httpStatus() == 400 && SENT_TO_TLS_PORT.stream().anyMatch(message::contains)) {
                return where + " speaks TLS (it says the plain HTTP request was sent to its HTTPS port): probe it"
                        + " with https://" + where + "/.";
            }
            if (evidence.httpStatus() == 0 && TLS_RECORD.matcher(message).find()) {
                return where + " speaks TLS (it answered the plain HTTP request with a TLS record): probe it with"
                        + " https://" + where + "/.";
            }
            if (evidence.httpStatus() == 0 && NO_RESPONSE.stream().anyMatch(message::contains)) {
                return where + " closed the connection without an HTTP response, as a TLS port does to plain HTTP:"
                        + " if it speaks TLS, probe it with https://" + where + "/; otherwise look at the application"
                        + " behind " + evidence.host() + ".";
            }
        }
        String proven = evidence.nameResolved() && evidence.tlsCompleted() ? "DNS and TLS work"
                : evidence.nameResolved() ? "DNS works"
                : evidence.tlsCompleted() ? "TLS works at " + where
                : where + " took the connection";
        return proven + ": look at the application behind " + evidence.host() + ".";
    }
}
