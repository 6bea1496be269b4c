package dev.vigil.cert;

import dev.vigil.probe.TlsFacts;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Remembers every endpoint's certificates across runs and restarts: each handshake updates the endpoint's history,
 * reports changes, expiry warnings and CA limits running low to a {@link CertEventSink}, and asks Certificate
 * Transparency logs, when a probe wants that, for certificates issued between two runs. Safe for concurrent use.
 */
public final class CertTracker {
    private static final Logger LOG = System.getLogger("dev.vigil.cert");
    /** Certificates issued longer ago than this count against no limit Vigil models. */
    private static final Duration FORGET_ISSUED = Duration.ofDays(30);

    private final Clock clock;
    private final CertEventSink sink;
    private final CtLookup ct;
    private final Executor ctQueries;
    private final Map<String, EndpointHistory> histories = new ConcurrentHashMap<>();
    private final IssuanceIndex issued = new IssuanceIndex();
    /** When Certificate Transparency logs were last asked about each set of names. */
    private final Map<List<String>, Instant> ctAsked = new ConcurrentHashMap<>();
    /** The last level of each limit per endpoint, so an event is told once per change of level. */
    private final Map<String, LimitUsage.Level> limitLevels = new ConcurrentHashMap<>();
    private final AtomicLong revision = new AtomicLong();
    private final AtomicLong keyRevision = new AtomicLong();
    private final LongAdder ctErrors = new LongAdder();

    /**
     * @param histories what was remembered before: each endpoint's history, by {@link Endpoint#key()}
     * @param sink      where events go
     * @param ct        how Certificate Transparency logs are asked
     * @param ctQueries where those queries run; they must not hold up probe runs
     */
    public CertTracker(Map<String, EndpointHistory> histories, Clock clock, CertEventSink sink, CtLookup ct,
            Executor ctQueries) {
        this.clock = clock;
        this.sink = sink;
        this.ct = ct;
        this.ctQueries = ctQueries;
        this.histories.putAll(histories);
        for (EndpointHistory history : histories.values()) {
            history.observations().forEach(o -> issued.add(Issuance.of(o)));
            history.ctIssuances().forEach(issued::add);
            if (history.ctQueriedAt() != null && history.current() != null) {
                ctAsked.merge(history.current().sans(), history.ctQueriedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    /**
     * Records what {@code probe} saw at {@code endpoint}: {@code tls} is null when the run got no handshake, and the
     * last certificate seen then stays known.
     *
     * @return the certificate known after this run and its CA limit usage
     */
    public CertStatus record(String probe, Endpoint endpoint, CertSettings settings, TlsFacts tls) {
        if (!settings.track()) {
            return CertStatus.UNKNOWN;
        }
        Instant now = clock.instant();
        EndpointHistory history;
        if (tls != null) {
            HistoryUpdate.Outcome[] outcome = new HistoryUpdate.Outcome[1];
            history = histories.compute(endpoint.key(), (key, before) -> {
                outcome[0] = HistoryUpdate.seen(before == null ? EndpointHistory.empty(endpoint) : before, probe, tls,
                        settings, now);
                return outcome[0].history();
            });
            revision.incrementAndGet();
            if (outcome[0].newCertificate() || !outcome[0].events().isEmpty()) {
                keyRevision.incrementAndGet();
            }
            if (outcome[0].newCertificate()) {
                issued.add(Issuance.of(history.current()));
                issued.forgetIssuedBefore(now.minus(FORGET_ISSUED));
            }
            outcome[0].events().forEach(sink::accept);
        } else {
            history = histories.get(endpoint.key());
        }
        Observation current = history == null ? null : history.current();
        if (current == null) {
            return CertStatus.UNKNOWN;
        }
        askCtIfDue(settings, current.sans(), now);
        // A lookup that ran at once (in tests, or done already) is in the history by now.
        CertStatus status = status(endpoint, settings, histories.getOrDefault(endpoint.key(), history), now);
        NameSetUsage limiting = status.limiting();
        tellLimit(CertEvent.DUPLICATE_LIMIT, probe, endpoint, current, settings.exactSet(), limiting.usage(), now,
                limiting.scope());
        tellLimit(CertEvent.REGISTERED_DOMAIN_LIMIT, probe, endpoint, current, settings.registeredDomainLimit(),
                status.registeredDomainUsage(), now, status.registeredDomain());
        return status;
    }

    /** What is known about {@code endpoint}'s certificate now, without recording anything. */
    public CertStatus status(Endpoint endpoint, CertSettings settings) {
        EndpointHistory history = histories.get(endpoint.key());
        return history == null || history.current() == null ? CertStatus.UNKNOWN
                : status(endpoint, settings, history, clock.instant());
    }

    /** The history of {@code endpoint}, or null when none is remembered. */
    public EndpointHistory history(Endpoint endpoint) {
        return histories.get(endpoint.key());
    }

    /**
     * The histories of the endpoints {@code probe} reached ({@link EndpointHistory#probes()}): {@code first}'s first
     * when it is one of them, then the others by when their current certificate was last seen, newest first; at most
     * {@code limit}, with how many there are. A scan of every history, without copying them: meant for one page
     * request, not for every run.
     */
    public Reached reachedBy(String probe, Endpoint first, int limit) {
        String firstKey = first == null ? null : first.key();
        Comparator<EndpointHistory> order = Comparator
                .comparing((EndpointHistory history) -> !history.endpoint().key().equals(firstKey))
                .thenComparing(history -> history.current() == null ? Instant.MIN : history.current().lastSeen(),
                        Comparator.reverseOrder())
                .thenComparing(history -> history.endpoint().key());
        List<EndpointHistory> reached = histories.values().stream()
                .filter(history -> history.probes().contains(probe)).toList();
        return new Reached(reached.stream().sorted(order).limit(limit).toList(), reached.size());
    }

    /**
     * Some of the histories of the endpoints a probe reached.
     *
     * @param shown the histories shown, in order
     * @param total how many endpoints the probe reached, those not shown included
     */
    public record Reached(List<EndpointHistory> shown, int total) {
        public static final Reached NONE = new Reached(List.of(), 0);

        public Reached {
            shown = List.copyOf(shown);
        }
    }

    /** Everything remembered: each endpoint's history, by {@link Endpoint#key()}, in key order. */
    public Map<String, EndpointHistory> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(histories));
    }

    /** Grows with every recorded handshake; equal values mean nothing was recorded in between. */
    public long revision() {
        return revision.get();
    }

    /** Grows when something that must not be lost was recorded: a new certificate, an event, a CT answer. */
    public long keyRevision() {
        return keyRevision.get();
    }

    /** Certificate Transparency queries that failed since start. */
    public long ctErrors() {
        return ctErrors.sum();
    }

    /** The status of {@code history}, whose current certificate is known. */
    private CertStatus status(Endpoint endpoint, CertSettings settings, EndpointHistory history, Instant now) {
        String domain = settings.registeredDomain() != null ? settings.registeredDomain()
                : RegisteredDomain.defaultFor(endpoint.serverName().isEmpty() ? endpoint.host() : endpoint.serverName());
        List<NameSetUsage> sets = new ArrayList<>();
        for (Map.Entry<List<String>, Instant> served
                : ServedSets.within(history.observations(), settings.exactSet().window(), now).entrySet()) {
            List<Instant> issuedAt = issued.issuedFor(served.getKey(), settings::counts);
            LimitUsage usage = DuplicateLimit.evaluate(settings.exactSet(), issuedAt, now);
            List<Instant> counted = DuplicateLimit.counted(settings.exactSet(), issuedAt, now);
            // The current certificate's set comes first.
            sets.add(new NameSetUsage(served.getKey(), sets.isEmpty(), served.getValue(), usage, counted,
                    NameSetUsage.uncounted(history.observations(), served.getKey(), counted, settings::counts)));
        }
        CtFailure ctFailure = settings.ct().enabled() ? history.ctFailure() : null;
        List<Observation> counted = history.observations().stream().filter(o -> settings.counts(Issuance.of(o)))
                .toList();
        Duration window = settings.exactSet().window();
        Observation current = history.current();
        // CT's last answer is evidence of "nothing newer" only while CT is asked and not failing since.
        List<Issuance> logged = settings.ct().enabled() && history.ctQueriedAt() != null && ctFailure == null
                ? history.ctIssuances() : null;
        return new CertStatus(current, sets, domain, DuplicateLimit.evaluate(settings.registeredDomainLimit(),
                issued.issuedUnder(domain, settings::counts), now), ctFailure,
                Churn.find(sets, counted, window, now).orElse(null),
                Refusal.find(current, settings.counts(Issuance.of(current)), sets, counted, window, now).orElse(null),
                RenewalFailing.find(current, settings.counts(Issuance.of(current)), history.observations(),
                        logged, settings.renewalWindow(), now).orElse(null),
                NotServed.find(current, history.observations(), logged, now).orElse(null));
    }

    private void tellLimit(String kind, String probe, Endpoint endpoint, Observation current, LimitPolicy policy,
            LimitUsage usage, Instant now, String scope) {
        LimitUsage.Level before = limitLevels.put(endpoint.key() + " " + kind, usage.level());
        if (usage.level() != (before == null ? LimitUsage.Level.OK : before)) {
            Severity severity = switch (usage.level()) {
                case OK -> Severity.INFO;
                case WARNING -> Severity.WARNING;
                case CRITICAL -> Severity.CRITICAL;
            };
            sink.accept(new CertEvent(kind, severity, probe, endpoint, null, current,
                    DuplicateLimit.message(policy, usage, scope, now), now));
        }
    }

    private void askCtIfDue(CertSettings cert, List<String> names, Instant now) {
        CtSettings settings = cert.ct();
        if (!settings.enabled()) {
            return;
        }
        AtomicBoolean due = new AtomicBoolean();
        ctAsked.compute(names, (key, last) -> {
            // A clock stepped back past the last attempt makes it due too, or it would wait for the clock to catch up.
            due.set(last == null || now.isBefore(last) || !now.isBefore(last.plus(settings.minInterval())));
            return due.get() ? now : last;
        });
        if (due.get()) {
            ctQueries.execute(() -> askCt(cert, names, now));
        }
    }

    private void askCt(CertSettings settings, List<String> names, Instant askedAt) {
        List<Issuance> found;
        try {
            // Kept are only the certificates of the CA whose limits are modelled.
            found = ct.issuances(settings.ct(), names).stream().filter(settings::counts).toList();
        } catch (IOException | RuntimeException e) {
            ctErrors.increment();
            CtFailure failure = new CtFailure(askedAt, e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName());
            updateServing(names, history -> history.ctFailed(failure));
            revision.incrementAndGet();
            LOG.log(Level.WARNING, "certificate transparency lookup for " + String.join(",", names)
                    + " failed; counting only the certificates Vigil saw: " + e.getMessage());
            return;
        }
        found.forEach(issued::add);
        updateServing(names, history -> history.ctAnswered(askedAt, found));
        keyRevision.incrementAndGet();
        revision.incrementAndGet();
    }

    /** Applies {@code update} to the history of every endpoint whose current certificate is for exactly {@code names}. */
    private void updateServing(List<String> names, UnaryOperator<EndpointHistory> update) {
        histories.replaceAll((key, history) -> history.current() != null && history.current().sans().equals(names)
                ? update.apply(history) : history);
    }
}
