package dev.vigil.agent;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Signal;
import dev.vigil.cert.Severity;
import dev.vigil.config.DiscoveryConfig;
import dev.vigil.config.ProbeConfig;
import dev.vigil.discovery.BalancerChange;
import dev.vigil.discovery.BalancerChange.HostAnswer;
import dev.vigil.discovery.BalancerChange.Judgement;
import dev.vigil.discovery.BalancerMoves;
import dev.vigil.discovery.BalancerMoves.Move;
import dev.vigil.discovery.BalancerMoves.ServiceRead;
import dev.vigil.dns.DnsClient;
import dev.vigil.dns.DnsException;
import dev.vigil.lb.LbIngress;
import dev.vigil.probe.ProbeResult;
import dev.vigil.time.Durations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load-balancer watch: at each look at the balancers behind the hosts (what discovery's list and watch hold), a
 * balancer whose addresses changed or that is gone has the DNS of every host that used its old addresses asked again
 * at once, on a thread of its own; {@link BalancerChange} says what that means, one line to stderr, and while hosts
 * still resolve to an old address the balancer's {@code lb_changed} or {@code lb_gone} alert fires. The hosts are
 * asked again as often as their probes run (within 1 s and 1 min) until none does; the alert then resolves. A host DNS
 * gives no answer for neither fires nor resolves it. Thread-safe.
 */
final class BalancerWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.vigil.lb");
    /** The most hosts of one balancer asked about; the alert counts only those. */
    static final int MAX_HOSTS = 64;
    /** The most of a host's resolvers asked. */
    static final int MAX_RESOLVERS = 3;
    /** How long one resolver may take for one host, CNAMEs followed. */
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MIN_RECHECK = Duration.ofSeconds(1);
    private static final Duration MAX_RECHECK = Duration.ofMinutes(1);

    /** A look: what discovery watched, the balancers it held, and the probes scheduled then. */
    private record Look(Object watched, Map<String, List<LbIngress>> balancers, List<ProbeConfig> probes) {
    }

    /**
     * A change whose hosts are asked about until none resolves to an old address.
     *
     * @param hosts     the hosts, each with the resolvers its probe asked when the change was seen (a deleted
     *                  object's probes are gone by the time they are asked again); empty when not known
     * @param every     how often they are asked
     * @param first     true until its first check, which is logged
     */
    private record Open(Condition condition, Move move, Instant at, Map<String, List<InetSocketAddress>> hosts,
            Duration every, boolean first) {
        String key() {
            return condition.id() + " " + move.balancer();
        }

        Open next() {
            return new Open(condition, move, at, hosts, every, false);
        }
    }

    /** Looks up the system's resolvers, {@code /etc/resolv.conf}'s. */
    interface SystemResolvers {
        List<InetSocketAddress> get() throws DnsException;
    }

    private final Alerting alerting;
    private final DnsClient dns;
    private final SystemResolvers system;
    private final Clock clock;
    private final MeterRegistry registry;
    private Look last;
    /** The probes scheduled now, for each host's resolvers and interval. */
    private List<ProbeConfig> probes = List.of();
    private final Map<String, Open> open = new HashMap<>();
    /** The last counted read of each configured probe's Service, by balancer name. */
    private final Map<String, ServiceRead> serviceReads = new HashMap<>();
    /** The checks of alerts a restart found firing, until the first look starts them. */
    private final List<Open> resumed = new ArrayList<>();
    /** Runs the checks; made at the first change, so an agent whose balancers never move has no thread for it. */
    private ScheduledExecutorService checker;
    private boolean closed;

    /**
     * @param dns    asks the hosts' resolvers
     * @param system the resolvers of a host whose probe names none
     */
    BalancerWatch(Alerting alerting, DnsClient dns, SystemResolvers system, Clock clock, MeterRegistry registry) {
        this.alerting = alerting;
        this.dns = dns;
        this.system = system;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * What of {@code config} decides which balancers discovery holds: two looks compare only under the same (a reload
     * that watches other objects would make the balancers it no longer watches look deleted).
     */
    static Object watched(DiscoveryConfig config) {
        return List.of(Objects.toString(config.apiUrl()), config.sources().stream().map(s -> List.of(s.kind(),
                s.namespaces(), Objects.toString(s.labelSelector()), Objects.toString(s.loadBalancer()))).toList());
    }

    /** Follows the probes scheduled now: the hosts a change looks for, with their resolvers and intervals. */
    synchronized void scheduled(List<ProbeConfig> scheduled) {
        probes = List.copyOf(scheduled);
    }

    /**
     * Takes a look: {@code balancers}, complete (every collection listed), under {@code watched}, with the probes
     * {@linkplain #scheduled scheduled} now. Changes since the last look under the same are checked on the watch's
     * thread; this returns at once.
     */
    synchronized void looked(Object watched, Map<String, List<LbIngress>> balancers) {
        Look before = last;
        last = new Look(watched, Map.copyOf(balancers), probes);
        startResumed();
        if (before == null || !before.watched().equals(watched)) {
            return;
        }
        Instant now = clock.instant();
        for (Move move : BalancerMoves.between(before.balancers(), balancers)) {
            moved(move, now, before.probes());
        }
    }

    /**
     * Takes what a configured probe's run read from the Service its DNS check expects: that Service is read on each
     * run rather than watched (its RBAC grants {@code get}), so addresses that differ from those an earlier run read
     * are a move as a watched balancer's are. Runs end out of order: one that began before the last counted is not.
     */
    void ran(ProbeConfig probe, ProbeResult result) {
        // Called for every run of every probe: most read no Service, and take no lock.
        BalancerMoves.serviceRead(probe, result).ifPresent(this::read);
    }

    private synchronized void read(ServiceRead read) {
        ServiceRead last = serviceReads.get(read.balancer());
        if (last != null && read.at().isBefore(last.at())) {
            return;
        }
        serviceReads.put(read.balancer(), read);
        if (last != null) {
            BalancerMoves.between(Map.of(read.balancer(), last.addresses()), Map.of(read.balancer(), read.addresses()))
                    .forEach(move -> moved(move, clock.instant(), probes));
        }
    }

    /** Counts {@code move} and checks the hosts among {@code probes} that used its balancer's old addresses, now. */
    private void moved(Move move, Instant now, List<ProbeConfig> probes) {
        Counter.builder("vigil.lb.address.changes").tag("balancer", move.balancer())
                .tag("change", move.after() == null ? "gone" : "moved")
                .description("Changes of a load balancer's addresses, or its deletion, the balancer watch saw")
                .register(registry).increment();
        Map<String, List<InetSocketAddress>> hosts = new TreeMap<>();
        for (ProbeConfig used : BalancerMoves.usedBy(probes, move)) {
            if (hosts.size() < MAX_HOSTS) {
                hosts.putIfAbsent(used.spec().host(), used.spec().dns() == null ? List.of()
                        : used.spec().dns().resolvers());
            }
        }
        checkSoon(new Open(move.after() == null ? Condition.LB_GONE : Condition.LB_CHANGED, move, now, hosts,
                every(hosts.keySet(), probes), true), Duration.ZERO);
    }

    /** As often as the probes of {@code hosts} run, within 1 s and 1 min. */
    private static Duration every(Set<String> hosts, List<ProbeConfig> probes) {
        Duration every = probes.stream().filter(p -> hosts.contains(p.spec().host())).map(ProbeConfig::interval)
                .min(Duration::compareTo).orElse(MAX_RECHECK);
        return every.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : every.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : every;
    }

    /**
     * Takes over the checks of the alerts a restart found firing, from the facts their last message carries; they start
     * at the first look, when discovery has listed the hosts' probes and their resolvers, or {@link #MAX_RECHECK} from
     * now without one. An alert whose facts do not say enough stays as it is.
     */
    synchronized void resume(List<Notification> firing) {
        for (Notification n : firing) {
            try {
                BalancerFacts.Told told = BalancerFacts.read(n);
                Map<String, List<InetSocketAddress>> hosts = new TreeMap<>();
                told.hosts().forEach(host -> hosts.put(host, List.of()));
                resumed.add(new Open(told.condition(), told.move(), told.at(), hosts, MAX_RECHECK, false));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "load balancer watch: cannot take over the " + n.condition().id()
                        + " alert of " + n.probe() + ": " + e.getMessage());
            }
        }
        if (!resumed.isEmpty() && !closed) {
            checker().schedule(this::startResumed, MAX_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts the checks {@link #resume} took over, once. */
    private synchronized void startResumed() {
        for (Open check : resumed) {
            checkSoon(new Open(check.condition(), check.move(), check.at(), check.hosts(),
                    every(check.hosts().keySet(), probes), false), Duration.ZERO);
        }
        resumed.clear();
    }

    private synchronized void checkSoon(Open check, Duration in) {
        if (closed) {
            return;
        }
        open.put(check.key(), check);
        try {
            checker().schedule(() -> checkLogged(check), in.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing to check any more.
        }
    }

    private synchronized ScheduledExecutorService checker() {
        if (checker == null) {
            checker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("vigil-lb-watch").daemon().factory());
        }
        return checker;
    }

    private void checkLogged(Open check) {
        try {
            check(check);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "load balancer watch: the check of " + check.move().balancer() + " failed: " + e);
        }
    }

    /** Asks DNS about the hosts of {@code check}, says what it means, and checks again later while it matters. */
    private void check(Open check) {
        synchronized (this) {
            if (open.get(check.key()) != check) {
                return; // a newer change of the same balancer took over
            }
        }
        List<HostAnswer> answers = askAll(check.hosts());
        Move move = check.move();
        Judgement judgement = BalancerChange.judge(move.balancer(), move.before(), move.after(), check.at(), answers);
        String sentence;
        List<String> stale;
        List<String> unchecked;
        switch (judgement) {
            case Judgement.Unchanged unchanged -> {
                forget(check);
                return;
            }
            case Judgement.Moved moved -> {
                sentence = moved.sentence();
                stale = moved.stale();
                unchecked = moved.unchecked();
            }
            case Judgement.Gone gone -> {
                sentence = gone.sentence();
                stale = gone.stale();
                unchecked = gone.unchecked();
            }
        }
        // A host DNS gave no answer for is no evidence either way: the alert neither fires nor resolves on it.
        boolean told = (!stale.isEmpty() || unchecked.isEmpty()) && alerting.onBalancer(move.balancer(),
                new Signal(check.condition(), !stale.isEmpty(), Severity.CRITICAL, sentence, details(check.condition()),
                        BalancerFacts.of(move, check.at(), check.hosts().keySet())));
        if (check.first() && !told) {
            // The alert's own line says it when it fires; otherwise this is the change's one line.
            LOG.log(stale.isEmpty() ? Level.INFO : Level.WARNING, "load balancer watch: " + sentence);
        }
        if (stale.isEmpty() && unchecked.isEmpty()) {
            forget(check);
            return;
        }
        synchronized (this) {
            if (open.get(check.key()) == check) {
                checkSoon(check.next(), check.every());
            }
        }
    }

    private synchronized void forget(Open check) {
        open.remove(check.key(), check);
    }

    private static List<String> details(Condition condition) {
        return List.of(condition == Condition.LB_GONE
                ? "Point the hosts' records at where they are served now, or restore the load balancer."
                : "Update the hosts' A/AAAA or CNAME records to the new address; clients keep the old one for up to"
                        + " the records' TTL after that.");
    }

    /** What DNS answers for each of {@code hosts}, asked in parallel; one not answered in time is said as such. */
    private List<HostAnswer> askAll(Map<String, List<InetSocketAddress>> known) {
        List<String> hosts = List.copyOf(known.keySet());
        Duration limit = DNS_TIMEOUT.multipliedBy(MAX_RESOLVERS).plusSeconds(1);
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<HostAnswer>> asked = hosts.stream()
                    .map(host -> lookups.submit(() -> ask(host, known.get(host)))).toList();
            List<HostAnswer> answers = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                String host = hosts.get(i);
                try {
                    answers.add(asked.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    answers.add(HostAnswer.failed(host, "no answer within " + Durations.format(limit)));
                } catch (ExecutionException e) {
                    answers.add(HostAnswer.failed(host, String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answers.add(HostAnswer.failed(host, "interrupted"));
                }
            }
            return answers;
        } finally {
            lookups.shutdownNow(); // never waits: a lookup still running is left behind, bounded by its own timeout
        }
    }

    /** Asks {@code known} resolvers, else those of {@code host}'s probe now, else the system's; at most a few. */
    private HostAnswer ask(String host, List<InetSocketAddress> known) {
        List<InetSocketAddress> resolvers = known.isEmpty() ? own(host) : known;
        if (resolvers.isEmpty()) {
            try {
                resolvers = system.get();
            } catch (DnsException e) {
                return HostAnswer.failed(host, e.getMessage());
            }
        }
        return resolvers.isEmpty() ? HostAnswer.failed(host, "no resolver to ask")
                : HostAnswers.ask(dns, host, resolvers.subList(0, Math.min(resolvers.size(), MAX_RESOLVERS)),
                        DNS_TIMEOUT);
    }

    private synchronized List<InetSocketAddress> own(String host) {
        return probes.stream().filter(p -> host.equals(p.spec().host()) && p.spec().dns() != null).findFirst()
                .map(p -> p.spec().dns().resolvers()).orElse(List.of());
    }

    /** Stops the checks; one asking DNS now is interrupted. */
    @Override
    public synchronized void close() {
        closed = true;
        if (checker != null) {
            checker.shutdownNow();
        }
        open.clear();
    }
}
