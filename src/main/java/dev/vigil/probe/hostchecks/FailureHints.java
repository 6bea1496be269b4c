package dev.vigil.probe.hostchecks;

import dev.vigil.probe.Failure;
import java.util.List;

/**
 * What to look at next for a failed run of a probe without DNS checks, by failure kind: the sentence that points from
 * "down" to why.
 */
final class FailureHints {
    private FailureHints() {
    }

    /** The diagnosis of a failed run of {@code host}; empty for a kind whose message says it all. */
    static List<String> of(String host, Failure failure) {
        String hint = switch (failure.kind()) {
            case DNS -> "Check that " + host + " has an A or AAAA record at its authoritative servers; a dns block on"
                    + " the probe compares every resolver's answer.";
            case CONNECT_REFUSED, CONNECT_TIMEOUT -> "Nothing answers where " + host + " resolves to: if its load"
                    + " balancer was recreated, DNS may still point at the old one; a dns block with the load"
                    + " balancer's address checks that.";
            case TLS_HANDSHAKE, CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_UNTRUSTED, CERT_HOSTNAME_MISMATCH ->
                    "See the certificate history of " + host + " (vigil certs): a re-issue or a fallback to a default"
                            + " certificate shows there.";
            case STARTTLS -> "The server at " + host + " did not upgrade the connection to TLS: check that this port"
                    + " speaks the protocol named by starttls and offers STARTTLS (a port with TLS from the first byte"
                    + " needs no starttls).";
            case TIMEOUT -> "The server took the connection but did not answer in time: look at the backend behind "
                    + host + ".";
            case HTTP_STATUS, BODY_MISMATCH, BODY_TOO_LARGE, REDIRECT, PROTOCOL -> "DNS and TLS work: look at the"
                    + " application behind " + host + ".";
            case INTERNAL -> "Vigil itself failed during this run, so nothing is known about " + host
                    + ": see the agent's log, and restart it if this repeats.";
            case DNS_LB_MISMATCH, SPLIT_BRAIN -> null;
        };
        return hint == null ? List.of() : List.of(hint);
    }
}
