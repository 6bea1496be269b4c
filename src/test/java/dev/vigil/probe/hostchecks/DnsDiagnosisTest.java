package dev.vigil.probe.hostchecks;

import static dev.vigil.probe.hostchecks.Dns.NEW;
import static dev.vigil.probe.hostchecks.Dns.NEW_SHA;
import static dev.vigil.probe.hostchecks.Dns.OLD;
import static dev.vigil.probe.hostchecks.Dns.OLD_SHA;
import static dev.vigil.probe.hostchecks.Dns.authoritative;
import static dev.vigil.probe.hostchecks.Dns.facts;
import static dev.vigil.probe.hostchecks.Dns.failed;
import static dev.vigil.probe.hostchecks.Dns.failing;
import static dev.vigil.probe.hostchecks.Dns.ok;
import static dev.vigil.probe.hostchecks.Dns.recursive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DnsDiagnosisTest {
    private static final String HEADLINE =
            "api.example.com resolves to 198.51.100.4 but the load balancer (kubernetes service ingress/traefik) is 203.0.113.7: ";
    private static final String CACHED = "Resolver 10.0.0.2:53 still answers 198.51.100.4 for another 47m 3s.";
    private static final String TTL = "The record's TTL is 1h: clients may keep the old address for up to 1h after the fix.";
    private static final Failure TIMEOUT = new Failure(FailureKind.CONNECT_TIMEOUT, "no connection to 198.51.100.4:443 within 5s");
    private static final Failure REFUSED = new Failure(FailureKind.CONNECT_REFUSED, "connection to 203.0.113.7:443 refused");
    private static final Failure UNTRUSTED = new Failure(FailureKind.CERT_UNTRUSTED,
            "api.example.com serves a self-signed certificate CN=TRAEFIK DEFAULT CERT that the JDK trust store does not trust");

    /** One run: the normal probe's failure (null when it passed), the DNS facts, and what should be said. */
    record Scenario(String name, Failure normal, DnsFacts facts, FailureKind reported, List<String> sentences) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("everything matches", null,
                        facts(List.of(recursive(2823, NEW), authoritative(3600, NEW)), List.of(ok(NEW, NEW_SHA)),
                                List.of(ok(NEW, NEW_SHA))),
                        null, List.of()),
                new Scenario("stale in full", TIMEOUT,
                        facts(List.of(recursive(2823, OLD), authoritative(3600, OLD)), List.of(), List.of()),
                        FailureKind.DNS_LB_MISMATCH, List.of(HEADLINE + "update the A record.", CACHED, TTL)),
                new Scenario("stale in part", null,
                        facts(List.of(recursive(2823, NEW, OLD), authoritative(3600, NEW, OLD)), List.of(), List.of()),
                        FailureKind.DNS_LB_MISMATCH, List.of(
                                "api.example.com resolves to 198.51.100.4 as well as the load balancer"
                                        + " (kubernetes service ingress/traefik) 203.0.113.7: remove 198.51.100.4 from the A record.",
                                CACHED, TTL)),
                new Scenario("record fixed, caches stale", TIMEOUT,
                        facts(List.of(recursive(2823, OLD), recursive("10.0.0.3:53", 1200, OLD), authoritative(3600, NEW)),
                                List.of(), List.of()),
                        FailureKind.DNS_LB_MISMATCH, List.of(HEADLINE + "wait for the resolvers' caches to expire.",
                                "The authoritative servers already answer 203.0.113.7;"
                                        + " resolvers 10.0.0.2:53 and 10.0.0.3:53 will catch up within 47m 3s.",
                                TTL)),
                new Scenario("load balancer unknown", null,
                        Dns.unknown("service ingress/traefik has no load-balancer ingress yet", List.of(recursive(2823, OLD))),
                        null, List.of("Cannot tell whether api.example.com points at the load balancer:"
                                + " service ingress/traefik has no load-balancer ingress yet.")),
                new Scenario("NXDOMAIN at one resolver", null,
                        facts(List.of(recursive(300, NEW), failed("10.0.0.3:53", "NXDOMAIN")), List.of(), List.of()),
                        null, List.of("Resolver 10.0.0.3:53 cannot resolve api.example.com: NXDOMAIN.")),
                new Scenario("authoritative server times out", null,
                        facts(List.of(recursive(300, NEW), Dns.authoritativeFailed("no answer within 2s")), List.of(),
                                List.of()),
                        null, List.of("Authoritative server ns1.example.net (203.0.113.53:53) cannot resolve api.example.com:"
                                + " no answer within 2s.")),
                new Scenario("one of two load balancer addresses fails", null,
                        facts(List.of(NEW, "203.0.113.8"), List.of(recursive(300, NEW)),
                                List.of(ok(NEW, NEW_SHA), failing("203.0.113.8", FailureKind.CONNECT_TIMEOUT,
                                        "no connection to 203.0.113.8:443 within 5s")),
                                List.of()),
                        null, List.of("Load balancer 203.0.113.8 fails"
                                + " (connect_timeout: no connection to 203.0.113.8:443 within 5s).")),
                new Scenario("load balancer fine, DNS stale", TIMEOUT,
                        facts(List.of(recursive(2823, OLD)), List.of(ok(NEW, NEW_SHA)), List.of()),
                        FailureKind.DNS_LB_MISMATCH, List.of(HEADLINE + "update the A record.",
                                "Load balancer 203.0.113.7 serves api.example.com correctly; only DNS is stale.", CACHED, TTL)),
                new Scenario("DNS right, load balancer fails", REFUSED,
                        facts(List.of(recursive(300, NEW)), List.of(new DnsFacts.AddressCheck(NEW, REFUSED, null)), List.of()),
                        FailureKind.CONNECT_REFUSED, List.of("DNS is right; load balancer 203.0.113.7 itself fails"
                                + " (connect_refused: connection to 203.0.113.7:443 refused): an ingress or backend problem.")),
                new Scenario("both fail with cert_untrusted", UNTRUSTED,
                        facts(List.of(recursive(2823, OLD)), List.of(new DnsFacts.AddressCheck(NEW, UNTRUSTED, null)), List.of()),
                        FailureKind.DNS_LB_MISMATCH, List.of(HEADLINE + "update the A record.",
                                "Load balancer 203.0.113.7 fails too (cert_untrusted: " + UNTRUSTED.message()
                                        + "): fixing DNS alone will not help.",
                                "See the certificate events for api.example.com.", CACHED, TTL)),
                new Scenario("old address serves, new load balancer fails", null,
                        facts(List.of(recursive(2823, OLD)), List.of(failing(NEW, FailureKind.TIMEOUT, "no response within 10s")),
                                List.of(ok(OLD, OLD_SHA))),
                        FailureKind.DNS_LB_MISMATCH, List.of(HEADLINE + "update the A record.",
                                "Load balancer 203.0.113.7 fails (timeout: no response within 10s): fix it before pointing DNS at it.",
                                CACHED, TTL)),
                new Scenario("split brain", null,
                        Dns.unchecked(List.of(recursive(60, NEW, OLD)), List.of(ok(NEW, NEW_SHA), ok(OLD, OLD_SHA))),
                        FailureKind.SPLIT_BRAIN, List.of("api.example.com's addresses serve different certificates:"
                                + " 203.0.113.7 serves sha256 ab12ffffffff…, 198.51.100.4 serves sha256 cd3400000000…"
                                + " — a split brain after a load balancer was recreated?")),
                new Scenario("IPv6 spelled differently", null,
                        facts(List.of("2001:db8::7"), List.of(recursive(60, "2001:DB8:0:0:0:0:0:7")), List.of(), List.of()),
                        null, List.of()),
                new Scenario("IPv6 stale", null,
                        facts(List.of("2001:db8::7"), List.of(recursive(2823, "2001:db8::4")), List.of(), List.of()),
                        FailureKind.DNS_LB_MISMATCH, List.of("api.example.com resolves to 2001:db8::4 but the load balancer"
                                        + " (kubernetes service ingress/traefik) is 2001:db8::7: update the AAAA record.",
                                "Resolver 10.0.0.2:53 still answers 2001:db8::4 for another 47m 3s.", TTL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void saysWhatIsWrongAndWhatToDo(Scenario s) {
        assertEquals(s.sentences(), DnsDiagnosis.diagnose(s.normal(), s.facts()));
        Failure reported = DnsDiagnosis.failure(s.normal(), s.facts());
        assertEquals(s.reported(), reported == null ? null : reported.kind());
    }

    @Test
    void mismatchFailureCarriesTheHeadlineWithoutFullStop() {
        Failure failure = DnsDiagnosis.failure(TIMEOUT, facts(List.of(recursive(2823, OLD)), List.of(), List.of()));
        assertEquals(new Failure(FailureKind.DNS_LB_MISMATCH, HEADLINE + "update the A record"), failure);
    }

    record Unresolved(String name, boolean named, boolean compareLb, List<ResolverAnswer> answers, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unresolved> unresolvedRuns() {
        ResolverAnswer silent = failed("10.0.0.2:53", "no answer from 10.0.0.2:53 within 2s for api.example.com A");
        ResolverAnswer garbage = failed("10.0.0.3:53", "malformed DNS answer from 10.0.0.3:53 for api.example.com A:"
                + " compression loop at offset 12");
        return Stream.of(
                new Unresolved("named, all failed", true, false, List.of(silent, garbage), "none of the named resolvers"
                        + " 10.0.0.2:53, 10.0.0.3:53 gave an address for api.example.com, so it was not probed: no answer"
                        + " from 10.0.0.2:53 within 2s for api.example.com A; malformed DNS answer from 10.0.0.3:53 for"
                        + " api.example.com A: compression loop at offset 12"),
                new Unresolved("named, one answered", true, false, List.of(silent, recursive(60, NEW)), null),
                new Unresolved("named, only an authoritative server answered", true, false,
                        List.of(silent, authoritative(3600, NEW)), "none of the named resolvers 10.0.0.2:53 gave an"
                        + " address for api.example.com, so it was not probed: no answer from 10.0.0.2:53 within 2s for"
                        + " api.example.com A"),
                new Unresolved("system's, compared with the load balancer", false, true, List.of(silent),
                        "none of the system's resolvers 10.0.0.2:53 gave an address for api.example.com, so whether it"
                                + " points at the load balancer is unknown: no answer from 10.0.0.2:53 within 2s for"
                                + " api.example.com A"),
                new Unresolved("system's, nothing to compare: the request's own lookup decides", false, false,
                        List.of(silent), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unresolvedRuns")
    void aRunWithoutAnAddressFromItsResolversFailsAsDnsWhenTheyMattered(Unresolved run) {
        Failure failure = DnsDiagnosis.unresolved("api.example.com", run.named(), run.compareLb(), run.answers());

        assertEquals(run.message() == null ? null : new Failure(FailureKind.DNS, run.message()), failure);
    }
}
