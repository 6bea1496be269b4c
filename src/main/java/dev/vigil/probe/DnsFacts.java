package dev.vigil.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a run's DNS and load-balancer checks found.
 *
 * @param host             the name checked (the probe URL's host)
 * @param answers          each resolver's answer, recursive ones first, then the authoritative servers'
 * @param expected         the load balancer's addresses; empty when they are unknown or not configured
 * @param expectedSource   where they come from, e.g. {@code static}, {@code hostname lb-123.elb.example},
 *                         {@code kubernetes service ingress/traefik}; null when not configured
 * @param expectedError    why they could not be found out, or null
 * @param direct           a probe of each expected address, with SNI, Host and verification for {@code host}
 * @param resolved         a probe of each address DNS returned, likewise
 * @param recordTtlSeconds the record's full TTL, from an authoritative server; null when none answered
 * @param lbMismatch       DNS answers addresses that are not the load balancer's
 * @param splitBrain       the addresses of {@code host} serve different certificates
 * @param notProbed        how many addresses, of DNS and the load balancer, were left unprobed by the run's cap
 */
public record DnsFacts(String host, List<ResolverAnswer> answers, List<String> expected, String expectedSource,
        String expectedError, List<AddressCheck> direct, List<AddressCheck> resolved, Long recordTtlSeconds,
        boolean lbMismatch, boolean splitBrain, int notProbed) {
    public DnsFacts {
        Objects.requireNonNull(host, "host");
        answers = List.copyOf(answers);
        expected = List.copyOf(expected);
        direct = List.copyOf(direct);
        resolved = List.copyOf(resolved);
        if (notProbed < 0) {
            throw new IllegalArgumentException("notProbed must not be negative: " + notProbed);
        }
    }

    /** Facts of a run that probed every address. */
    public DnsFacts(String host, List<ResolverAnswer> answers, List<String> expected, String expectedSource,
            String expectedError, List<AddressCheck> direct, List<AddressCheck> resolved, Long recordTtlSeconds,
            boolean lbMismatch, boolean splitBrain) {
        this(host, answers, expected, expectedSource, expectedError, direct, resolved, recordTtlSeconds, lbMismatch,
                splitBrain, 0);
    }

    /**
     * One resolver's answer for the host.
     *
     * @param resolver      the server asked, e.g. {@code 10.0.0.2:53} or {@code ns1.example.net (203.0.113.53:53)}
     * @param authoritative whether it is one of the zone's authoritative servers
     * @param addresses     the addresses at the end of the CNAME chain, as text, sorted
     * @param cnames        the CNAME chain followed, in order
     * @param ttlSeconds    the smallest TTL of the records that made the answer (for a recursive resolver, the time
     *                      left before it asks again)
     * @param took          how long the queries took
     * @param error         why there is no answer (NXDOMAIN, SERVFAIL, no answer within 2s), or null
     */
    public record ResolverAnswer(String resolver, boolean authoritative, List<String> addresses, List<String> cnames,
            long ttlSeconds, Duration took, String error) {
        public ResolverAnswer {
            Objects.requireNonNull(resolver, "resolver");
            Objects.requireNonNull(took, "took");
            addresses = List.copyOf(addresses);
            cnames = List.copyOf(cnames);
        }
    }

    /**
     * A probe of the host at one address.
     *
     * @param address the address, as text
     * @param failure why it failed, or null when it passed
     * @param sha256  the leaf certificate's fingerprint, or null without a handshake
     */
    public record AddressCheck(String address, Failure failure, String sha256) {
        public AddressCheck {
            Objects.requireNonNull(address, "address");
        }

        public boolean success() {
            return failure == null;
        }
    }
}
