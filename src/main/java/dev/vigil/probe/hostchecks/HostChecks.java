package dev.vigil.probe.hostchecks;

import dev.vigil.dns.AddressAnswer;
import dev.vigil.dns.DnsClient;
import dev.vigil.dns.DnsException;
import dev.vigil.dns.DnsLookup;
import dev.vigil.dns.NamedServer;
import dev.vigil.dns.ResolvConf;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.net.IpLiterals;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HardDeadline;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.WaitDeadline;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Wraps a prober of any kind that has a host. A probe with DNS and load-balancer checks ({@link ProbeSpec#dns()}) asks each resolver and the zone's
 * authoritative servers where the host is, finds out where the load balancer is, probes the host at the addresses
 * DNS returned and the load balancer's (at most {@link DnsOptions#maxAddresses()}, the load balancer's first), and
 * turns it all into one result with a diagnosis. Every wait ends by the run's deadline. A probe without checks is
 * handed to the inner prober as it is; a failure of any probe gets a hint of what to look at.
 */
public final class HostChecks implements Prober {
    /** The share of the run's timeout the DNS questions may take; the probes get the rest. */
    private static final int DNS_SHARE_DIVISOR = 3;
    private static final Duration MAX_QUERY_TIME = Duration.ofSeconds(2);
    /** Time for a probe to report its own timeout before it is abandoned; well within {@code HardDeadline}'s grace. */
    private static final Duration COLLECT_SLACK = Duration.ofMillis(200);

    private final Prober inner;
    private final DnsClient dns;
    private final ResolverSource systemResolvers;
    private final ExpectedAddresses expected;
    private final Clock clock;
    private final int nameServerPort;
    private final boolean certHistoryKept;

    /**
     * @param inner           runs each probe of any kind, pinned or not
     * @param dns             asks the resolvers
     * @param systemResolvers the resolvers of {@code /etc/resolv.conf}, for probes that name none
     * @param expected        finds out where the load balancer is
     * @param nameServerPort  the port authoritative servers are asked on: 53, another only in tests
     * @param certHistoryKept a certificate history is kept for these runs, so a hint may point at {@code vigil certs}
     */
    public HostChecks(Prober inner, DnsClient dns, ResolverSource systemResolvers,
            ExpectedAddresses expected, Clock clock, int nameServerPort, boolean certHistoryKept) {
        this.inner = inner;
        this.dns = dns;
        this.systemResolvers = systemResolvers;
        this.expected = expected;
        this.clock = clock;
        this.nameServerPort = nameServerPort;
        this.certHistoryKept = certHistoryKept;
    }

    /**
     * The prober Vigil runs: {@code inner} with DNS and load-balancer checks, asking real DNS servers on port 53 and
     * {@code kubernetes} for Services; {@code certHistoryKept} says whether a certificate history is kept for its runs.
     */
    public static HostChecks standard(Prober inner, KubernetesServiceReader kubernetes, Clock clock,
            boolean certHistoryKept) {
        UdpDnsClient dns = new UdpDnsClient();
        return new HostChecks(inner, dns, ResolvConf::system, new ExpectedAddresses(dns, kubernetes), clock,
                DnsLookup.DNS_PORT, certHistoryKept);
    }

    /** The resolvers to ask when a probe names none: those of {@code /etc/resolv.conf}. */
    @FunctionalInterface
    public interface ResolverSource {
        /** At least one resolver; throws with a message fit for a diagnosis when there is none. */
        List<InetSocketAddress> resolvers() throws DnsException;
    }

    @Override
    public ProbeResult run(ProbeSpec spec) {
        DnsOptions options = spec.dns();
        String host = spec.host();
        if (options == null || IpLiterals.isLiteral(host)) {
            ProbeResult result = inner.run(spec);
            return result.success() ? result : new ProbeResult(result.startedAt(), result.duration(), result.failure(),
                    result.http(), result.tls(), result.phases(), null,
                    FailureHints.of(HintEvidence.of(spec, result, certHistoryKept)), result.address());
        }
        Instant start = clock.instant();
        List<InetSocketAddress> resolvers;
        try {
            resolvers = options.resolvers().isEmpty() ? systemResolvers.resolvers() : options.resolvers();
        } catch (DnsException e) {
            return withoutResolvers(spec, host, e.getMessage());
        }
        return checked(spec, options, host, resolvers, start);
    }

    private ProbeResult checked(ProbeSpec spec, DnsOptions options, String host, List<InetSocketAddress> resolvers,
            Instant start) {
        Duration queryTime = min(MAX_QUERY_TIME, spec.timeout().dividedBy(DNS_SHARE_DIVISOR));
        WaitDeadline deadline = WaitDeadline.after(spec.timeout());
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<ResolverAnswer>> recursive = resolvers.stream()
                    .map(resolver -> pool.submit(() -> answer(resolver, label(resolver), false, host, queryTime)))
                    .toList();
            Future<List<ResolverAnswer>> authoritative = pool.submit(() -> options.authoritative()
                    ? authoritative(pool, resolvers.getFirst(), host, queryTime, deadline) : List.of());
            Future<ExpectedAddresses.Found> lb = pool.submit(() -> expected.find(options.expect(), resolvers, queryTime));
            List<ResolverAnswer> answers = new ArrayList<>();
            for (int i = 0; i < resolvers.size(); i++) {
                String label = label(resolvers.get(i));
                answers.add(deadline.get(recursive.get(i), () -> unanswered(label, spec, start)));
            }
            answers.addAll(deadline.get(authoritative, List::of));
            ExpectedAddresses.Found found = deadline.get(lb, () -> new ExpectedAddresses.Found(List.of(), null,
                    "its addresses were not found out within the run's " + spec.timeout().toMillis() + " ms timeout"));
            Duration left = spec.timeout().minus(Duration.between(start, clock.instant()));

            // One probe per address, whoever named it: DNS, the load balancer, or both; at most maxAddresses of them.
            Map<String, String> resolved = addresses(answers.stream().filter(a -> !a.authoritative())
                    .flatMap(a -> a.addresses().stream()).toList());
            Map<String, String> lbAddresses = addresses(found.addresses());
            Map<String, String> everywhere = new LinkedHashMap<>(resolved);
            lbAddresses.forEach(everywhere::putIfAbsent);
            Failure unresolved = DnsDiagnosis.unresolved(host, !options.resolvers().isEmpty(), options.expect() != null,
                    answers);
            AddressChoice choice = AddressChoice.of(List.copyOf(resolved.keySet()), List.copyOf(lbAddresses.keySet()),
                    options.maxAddresses());
            boolean named = !options.resolvers().isEmpty();
            boolean pin = named && !resolved.isEmpty();
            String pinnedKey = pin ? choice.probed().getFirst() : null;
            // Without an address from the resolvers the probe names, the system's would only stand in for them.
            Future<ProbeResult> normal = named && !pin ? null : pool.submit(() -> inner.run(pin
                    ? pinned(spec, everywhere.get(pinnedKey), left) : spec.unchecked(left)));
            Map<String, Future<ProbeResult>> atAddress = new LinkedHashMap<>();
            for (String key : choice.probed()) {
                atAddress.put(key, key.equals(pinnedKey) ? normal
                        : pool.submit(() -> inner.run(pinned(spec, everywhere.get(key), left))));
            }
            // The probes watch their own time; the slack lets them report it themselves before they are abandoned.
            WaitDeadline probes = deadline.plus(COLLECT_SLACK);
            Map<String, AddressCheck> checks = new LinkedHashMap<>();
            atAddress.forEach((key, result) -> checks.put(key, check(everywhere.get(key),
                    probes.get(result, () -> abandoned(spec, everywhere.get(key), start, clock.instant())))));
            DnsFacts facts = facts(host, answers, found, checks, resolved.keySet(), choice.notProbed());
            if (normal == null) {
                return new ProbeResult(start, Duration.between(start, clock.instant()),
                        DnsDiagnosis.failure(unresolved, facts), null, null, Phases.NONE, facts,
                        DnsDiagnosis.diagnose(unresolved, facts));
            }
            ProbeResult probed = probes.get(normal, () -> HardDeadline.abandoned(spec, start, clock.instant()));
            // The name was resolved here, not by the pinned request: its time is the first resolver's.
            Phases phases = pin ? probed.phases().plus(new Phases(answers.getFirst().took(), null, null, null, null))
                    : probed.phases();
            Failure failure = probed.failure() != null ? probed.failure() : unresolved;
            return new ProbeResult(probed.startedAt(), Duration.between(start, clock.instant()),
                    DnsDiagnosis.failure(failure, facts), probed.http(), probed.tls(), phases, facts,
                    DnsDiagnosis.diagnose(probed.failure(), facts), probed.address());
        } finally {
            // Tasks still running are interrupted and left behind, never waited for: the run has its answer.
            pool.shutdownNow();
        }
    }

    /** A resolver's answer that did not come within the run's time. */
    private ResolverAnswer unanswered(String label, ProbeSpec spec, Instant start) {
        return new ResolverAnswer(label, false, List.of(), List.of(), 0, Duration.between(start, clock.instant()),
                "no answer from " + label + " within the run's " + spec.timeout().toMillis() + " ms timeout");
    }

    /** The result of a probe of {@code address} that did not come back by the run's deadline. */
    private static ProbeResult abandoned(ProbeSpec spec, String address, Instant start, Instant now) {
        String message = "the probe of " + spec.url() + " at " + address + " did not finish within its "
                + spec.timeout().toMillis() + " ms timeout and was abandoned";
        return new ProbeResult(start, Duration.between(start, now), new Failure(FailureKind.TIMEOUT, message),
                null, null, Phases.NONE, null, List.of());
    }

    /**
     * The probe run as the system resolves, with the reason no DNS check could be made; it fails as {@code dns} when
     * nothing else failed, since the checks it asks for were not made.
     */
    private ProbeResult withoutResolvers(ProbeSpec spec, String host, String why) {
        ProbeResult probed = inner.run(spec.unchecked(spec.timeout()));
        DnsFacts facts = new DnsFacts(host, List.of(new ResolverAnswer("system resolvers", false, List.of(), List.of(),
                0, Duration.ZERO, why)), List.of(), null, null, List.of(), List.of(), null, false, false);
        Failure failure = probed.failure() != null ? probed.failure()
                : new Failure(FailureKind.DNS, "cannot check the DNS of " + host + ": " + why);
        return new ProbeResult(probed.startedAt(), probed.duration(), failure, probed.http(), probed.tls(),
                probed.phases(), facts, DnsDiagnosis.diagnose(probed.failure(), facts), probed.address());
    }

    /** Addresses by the key they compare by, first spelling kept, in order. */
    private static Map<String, String> addresses(List<String> addresses) {
        Map<String, String> byKey = new LinkedHashMap<>();
        addresses.forEach(address -> byKey.putIfAbsent(Addresses.key(address), address));
        return byKey;
    }

    private static String label(InetSocketAddress resolver) {
        String address = resolver.getAddress().getHostAddress();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + resolver.getPort();
    }

    private ResolverAnswer answer(InetSocketAddress server, String label, boolean authoritative, String host,
            Duration queryTime) {
        AddressAnswer answer = DnsLookup.addresses(dns, server, host, queryTime);
        return new ResolverAnswer(label, authoritative, answer.addresses(), answer.cnames(), answer.ttlSeconds(),
                answer.took(), answer.error());
    }

    private List<ResolverAnswer> authoritative(ExecutorService pool, InetSocketAddress resolver, String host,
            Duration queryTime, WaitDeadline deadline) {
        List<NamedServer> servers;
        try {
            servers = DnsLookup.authoritativeServers(dns, resolver, host, queryTime, nameServerPort);
        } catch (DnsException e) {
            // The recursive answers already say when the name does not resolve; without the servers there is only
            // no record TTL to tell.
            return List.of();
        }
        List<ResolverAnswer> answers = new ArrayList<>();
        for (Future<ResolverAnswer> answer : servers.stream().map(server -> pool.submit(() -> answer(server.address(),
                server.name() + " (" + label(server.address()) + ")", true, host, queryTime))).toList()) {
            // A server that has not answered by the deadline has no TTL to tell; the others' still count.
            ResolverAnswer got = deadline.get(answer, () -> null);
            if (got != null) {
                answers.add(got);
            }
        }
        return answers;
    }

    /** The facts, with checks only of the addresses probed ({@code checks}'s keys). */
    private static DnsFacts facts(String host, List<ResolverAnswer> answers, ExpectedAddresses.Found found,
            Map<String, AddressCheck> checks, Set<String> resolved, int notProbed) {
        List<AddressCheck> direct = addresses(found.addresses()).keySet().stream().filter(checks::containsKey)
                .map(checks::get).toList();
        List<AddressCheck> atResolved = resolved.stream().filter(checks::containsKey).map(checks::get).toList();
        Long recordTtl = answers.stream().filter(a -> a.authoritative() && a.error() == null)
                .map(ResolverAnswer::ttlSeconds).max(Long::compare).orElse(null);
        return new DnsFacts(host, answers, found.addresses(), found.source(), found.error(), direct, atResolved,
                recordTtl, DnsJudgement.lbMismatch(answers, found.addresses()), DnsJudgement.splitBrain(atResolved),
                notProbed);
    }

    private static AddressCheck check(String address, ProbeResult result) {
        return new AddressCheck(address, result.failure(), result.tls() == null ? null : result.tls().leaf().sha256());
    }

    /** The spec connecting to {@code address} for its host while SNI, Host and verification stay the host's. */
    private static ProbeSpec pinned(ProbeSpec spec, String address, Duration timeout) {
        return spec.pinnedTo(IpLiterals.parse(address), timeout);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
