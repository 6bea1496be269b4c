package dev.vigil.discovery;

import dev.vigil.config.ProbeConfig;
import dev.vigil.lb.KubernetesService;
import dev.vigil.lb.LbIngress;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What moved between two looks at the load balancers behind the hosts (each a complete list of what the API server
 * holds, by {@link Balancers} name), and which probed hosts used a balancer's old addresses. Pure.
 */
public final class BalancerMoves {
    /**
     * A balancer whose addresses differ, or that is gone.
     *
     * @param balancer its name, e.g. {@code ingress shop/web}
     * @param before   its addresses at the first look, not empty
     * @param after    its addresses at the second; null when it is gone
     */
    public record Move(String balancer, List<LbIngress> before, List<LbIngress> after) {
        public Move {
            Objects.requireNonNull(balancer, "balancer");
            before = List.copyOf(before);
            after = after == null ? null : List.copyOf(after);
        }
    }

    /**
     * The addresses one run of a configured probe read from the Service its DNS check expects.
     *
     * @param balancer the Service's name as a balancer, e.g. {@code service ingress/traefik}
     * @param at       when the run began
     */
    public record ServiceRead(String balancer, List<LbIngress> addresses, Instant at) {
        public ServiceRead {
            Objects.requireNonNull(balancer, "balancer");
            Objects.requireNonNull(at, "at");
            addresses = List.copyOf(addresses);
        }
    }

    private BalancerMoves() {
    }

    /**
     * What {@code result}'s run read from the Service of {@code probe}'s DNS check ({@code dns.expect.kubernetesService},
     * read on each run, not watched): only when the Service is the check's one source of expected addresses (so that
     * they are the Service's) and the run read it without error; empty otherwise.
     */
    public static Optional<ServiceRead> serviceRead(ProbeConfig probe, ProbeResult result) {
        DnsOptions dns = probe.spec().dns();
        DnsOptions.ExpectedLb expect = dns == null ? null : dns.expect();
        DnsFacts facts = result.dns();
        if (expect == null || expect.kubernetesService() == null || !expect.addresses().isEmpty()
                || !expect.hostnames().isEmpty() || facts == null || facts.expectedError() != null) {
            return Optional.empty();
        }
        KubernetesService service = expect.kubernetesService();
        return Optional.of(new ServiceRead(Balancers.name("service", service.namespace(), service.name()),
                facts.expected().stream().map(address -> new LbIngress(address, null)).toList(), result.startedAt()));
    }

    /**
     * The balancers with addresses at {@code before} that are gone at {@code after} or have other addresses there (in
     * any order: a reordered list is the same balancer), sorted by name. One that had none cannot have left a host
     * behind, and one that is new has no past: neither is a move. Looks that differ in nothing give nothing, so a
     * relist that shows the same addresses says nothing.
     */
    public static List<Move> between(Map<String, List<LbIngress>> before, Map<String, List<LbIngress>> after) {
        List<Move> moves = new ArrayList<>();
        before.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            List<LbIngress> was = entry.getValue();
            List<LbIngress> now = after.get(entry.getKey());
            if (!was.isEmpty()
                    && (now == null || !BalancerChange.addresses(was).equals(BalancerChange.addresses(now)))) {
                moves.add(new Move(entry.getKey(), was, now));
            }
        });
        return moves;
    }

    /**
     * The probes among {@code probes} that used {@code move}'s balancer: those whose DNS check expects any of its old
     * addresses (an IP, or a load balancer's name), or, for a Service, reads that Service's addresses on each run
     * ({@code dns.expect.kubernetesService} of a configured probe).
     */
    public static List<ProbeConfig> usedBy(List<ProbeConfig> probes, Move move) {
        Set<String> old = BalancerChange.addresses(move.before());
        return probes.stream().filter(p -> !Collections.disjoint(expected(p), old) || reads(p, move.balancer()))
                .toList();
    }

    private static boolean reads(ProbeConfig probe, String balancer) {
        DnsOptions dns = probe.spec().dns();
        KubernetesService service = dns == null || dns.expect() == null ? null : dns.expect().kubernetesService();
        return service != null && Balancers.name("service", service.namespace(), service.name()).equals(balancer);
    }

    /** The addresses {@code probe}'s DNS check expects: its IPs and its load balancer's name. */
    static Set<String> expected(ProbeConfig probe) {
        DnsOptions dns = probe.spec().dns();
        if (dns == null || dns.expect() == null) {
            return Set.of();
        }
        Set<String> expected = new HashSet<>(dns.expect().addresses());
        if (dns.expect().hostname() != null) {
            expected.add(dns.expect().hostname());
        }
        return expected;
    }
}
