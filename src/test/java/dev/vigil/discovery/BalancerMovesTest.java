package dev.vigil.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.cert.CertSettings;
import dev.vigil.config.ProbeConfig;
import dev.vigil.discovery.BalancerMoves.Move;
import dev.vigil.discovery.BalancerMoves.ServiceRead;
import dev.vigil.lb.KubernetesService;
import dev.vigil.lb.LbIngress;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which balancers moved between two looks, and which hosts used their old addresses. */
class BalancerMovesTest {
    private static final String WEB = "ingress shop/web";
    private static final LbIngress A = new LbIngress("203.0.113.7", null);
    private static final LbIngress B = new LbIngress("198.51.100.9", null);
    private static final LbIngress ELB = new LbIngress(null, "a1.elb.example.net");
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    static Stream<Arguments> looks() {
        return Stream.of(
                Arguments.of("the same addresses: a relist says nothing", Map.of(WEB, List.of(A)), Map.of(WEB, List.of(A)),
                        List.of()),
                Arguments.of("the same addresses in another order", Map.of(WEB, List.of(A, B)), Map.of(WEB, List.of(B, A)),
                        List.of()),
                Arguments.of("moved", Map.of(WEB, List.of(A)), Map.of(WEB, List.of(B)),
                        List.of(new Move(WEB, List.of(A), List.of(B)))),
                Arguments.of("an IP given a name too is the same address", Map.of(WEB, List.of(A)),
                        Map.of(WEB, List.of(new LbIngress("203.0.113.7", "lb.example.net"))), List.of()),
                Arguments.of("gone", Map.of(WEB, List.of(A), "gateway infra/gw", List.of(B)),
                        Map.of("gateway infra/gw", List.of(B)), List.of(new Move(WEB, List.of(A), null))),
                Arguments.of("gone before it had an address", Map.of(WEB, List.of()), Map.of(), List.of()),
                Arguments.of("first address", Map.of(WEB, List.of()), Map.of(WEB, List.of(A)), List.of()),
                Arguments.of("new balancer", Map.of(), Map.of(WEB, List.of(A)), List.of()),
                Arguments.of("sorted by name", Map.of("service b/x", List.of(A), "gateway a/y", List.of(ELB)),
                        Map.of("service b/x", List.of(B)), List.of(new Move("gateway a/y", List.of(ELB), null),
                                new Move("service b/x", List.of(A), List.of(B)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looks")
    void between(String title, Map<String, List<LbIngress>> before, Map<String, List<LbIngress>> after,
            List<Move> expected) {
        assertEquals(expected, BalancerMoves.between(before, after));
    }

    private static ProbeConfig probe(String host, ExpectedLb expect) {
        HttpSpec plain = HttpSpec.of(URI.create("https://" + host + "/"));
        HttpSpec spec = new HttpSpec(plain.url(), plain.method(), plain.headers(), plain.timeout(), plain.expect(),
                plain.tls(), plain.maxBodyBytes(), plain.resolve(), plain.ipFamily(), plain.httpVersion(),
                expect == null ? null : new DnsOptions(List.of(), false, expect));
        return new ProbeConfig(host, Duration.ofMinutes(1), Map.of(), spec, CertSettings.DEFAULT);
    }

    @Test
    void theHostsThatUsedABalancerAreThoseExpectingAnOldAddressByIpOrNameOrReadingItsService() {
        ProbeConfig onA = probe("a.example.com", new ExpectedLb(List.of("203.0.113.7"), null, null));
        ProbeConfig onBoth = probe("both.example.com", new ExpectedLb(List.of("198.51.100.9", "203.0.113.7"), null,
                null));
        ProbeConfig onB = probe("b.example.com", new ExpectedLb(List.of("198.51.100.9"), null, null));
        ProbeConfig onElb = probe("elb.example.com", new ExpectedLb(List.of(), "a1.elb.example.net", null));
        ProbeConfig readsTraefik = probe("configured.example.com", new ExpectedLb(List.of(), null,
                new KubernetesService("kube-system", "traefik", null, null, null)));
        ProbeConfig unchecked = probe("plain.example.com", null);
        List<ProbeConfig> all = List.of(onA, onBoth, onB, onElb, readsTraefik, unchecked);
        assertEquals(List.of(onA, onBoth), BalancerMoves.usedBy(all, new Move(WEB, List.of(A), List.of(B))));
        assertEquals(List.of(onElb), BalancerMoves.usedBy(all, new Move(WEB, List.of(ELB), null)));
        assertEquals(List.of(onA, onBoth, readsTraefik), BalancerMoves.usedBy(all,
                new Move("service kube-system/traefik", List.of(A), List.of(B))));
        assertEquals(List.of(), BalancerMoves.usedBy(all, new Move(WEB, List.of(new LbIngress("192.0.2.1", null)),
                null)));
    }

    static Stream<Arguments> serviceReads() {
        KubernetesService traefik = new KubernetesService("kube-system", "traefik", null, null, null);
        DnsFacts read = new DnsFacts("web.example.com", List.of(), List.of("198.51.100.9"), "kubernetes service", null,
                List.of(), List.of(), 60L, false, false);
        DnsFacts failed = new DnsFacts("web.example.com", List.of(), List.of(), "kubernetes service", "403 Forbidden",
                List.of(), List.of(), 60L, false, false);
        ServiceRead moved = new ServiceRead("service kube-system/traefik", List.of(B), AT);
        return Stream.of(
                Arguments.of("the Service alone, read", new ExpectedLb(List.of(), null, traefik), read, moved),
                Arguments.of("the Service alone, not read", new ExpectedLb(List.of(), null, traefik), failed, null),
                Arguments.of("the Service and addresses: not only the Service's",
                        new ExpectedLb(List.of("203.0.113.7"), null, traefik), read, null),
                Arguments.of("the Service and a name: not only the Service's",
                        new ExpectedLb(List.of(), "a1.elb.example.net", traefik), read, null),
                Arguments.of("no Service", new ExpectedLb(List.of("203.0.113.7"), null, null), read, null),
                Arguments.of("no DNS facts: the run did not get that far", new ExpectedLb(List.of(), null, traefik),
                        null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceReads")
    void serviceRead(String title, ExpectedLb expect, DnsFacts facts, ServiceRead expected) {
        ProbeResult result = new ProbeResult(AT, Duration.ZERO, null, null, null, Phases.NONE, facts, List.of());
        assertEquals(Optional.ofNullable(expected), BalancerMoves.serviceRead(probe("web.example.com", expect), result));
    }
}
