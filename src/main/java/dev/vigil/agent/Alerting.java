package dev.vigil.agent;

import dev.vigil.alert.AlertBook;
import dev.vigil.alert.AlertMachine;
import dev.vigil.alert.AlertMachine.Step;
import dev.vigil.alert.AlertPolicy;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Incidents;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.alert.Signal;
import dev.vigil.alert.Signals;
import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.Severity;
import dev.vigil.config.Outputs;
import dev.vigil.config.ProbeConfig;
import dev.vigil.output.Deliveries;
import dev.vigil.output.Delivery;
import dev.vigil.output.Outcome;
import dev.vigil.output.Resending;
import dev.vigil.output.Route;
import dev.vigil.output.RouteQueue;
import dev.vigil.probe.ProbeResult;
import dev.vigil.state.StatePart;
import dev.vigil.state.VigilState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's alerting: every run's signals go through the alert machine, and each notification goes to every
 * route that accepts it, kept in the durable outbox until the route delivered or dropped it. Alert states and the
 * outbox are its piece of the state file, so a restart neither repeats a firing alert nor loses a pending message.
 */
final class Alerting implements StatePart, AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.alert");
    /** Certificate changes kept for one cause's next message at most: they come from the few runs before it fires. */
    private static final int MAX_CHANGES = 10;

    private record Key(String probe, Condition condition) {
    }

    private record Queued(String route, long sequence) {
    }

    private final AlertPolicy policy;
    private final Clock clock;
    private final Deliveries deliveries;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, RouteQueue> queues = new LinkedHashMap<>();
    private final Map<Key, AlertState> states = new ConcurrentHashMap<>();
    private final Map<Queued, PendingNotification> outbox = new ConcurrentHashMap<>();
    /** The certificate events of each probe's run in progress, until its result comes. */
    private final Map<String, List<CertEvent>> raised = new ConcurrentHashMap<>();
    /**
     * The certificate changes each cause explained and its alert has not told yet; in memory only, so a restart between
     * the change and the alert's firing loses the lines, not the alert.
     */
    private final Map<Key, List<String>> changesToTell = new ConcurrentHashMap<>();
    /** The last firing or reminder message of each firing alert, for {@code vigil why}. */
    private final Map<Key, Notification> told = new ConcurrentHashMap<>();
    /** The probes as configured, for the URL and labels of certificate events, which may come before any result. */
    private final Map<String, ProbeConfig> probes = new ConcurrentHashMap<>();
    private final AtomicLong nextSequence;
    private final AtomicLong revision = new AtomicLong();
    private final AtomicLong keyRevision = new AtomicLong();

    Alerting(Outputs outputs, AlertBook loaded, Clock clock, String userAgent) {
        this.policy = outputs.alerts();
        this.clock = clock;
        this.nextSequence = new AtomicLong(loaded.nextSequence());
        loaded.alerts().forEach(state -> states.put(new Key(state.probe(), state.condition()), state));
        loaded.incidents().forEach(incident -> told.put(new Key(incident.probe(), incident.condition()), incident));
        this.deliveries = Deliveries.start(outputs.routes(), userAgent);
        deliveries.opened().forEach(opened -> open(opened.route(), opened.delivery()));
        for (Deliveries.Opened opened : deliveries.opened()) {
            if (opened.delivery() instanceof Resending resending) {
                told.values().stream().filter(opened.route()::accepts).forEach(resending::alreadyFiring);
            }
        }
        loaded.outbox().stream().sorted(Comparator.comparingLong(p -> p.notification().sequence())).forEach(pending -> {
            if (queues.containsKey(pending.route())) {
                enqueue(pending);
            } else {
                LOG.log(Level.WARNING, "dropped a pending " + pending.notification().type().id() + " notification for"
                        + " route " + pending.route() + ", which is no longer configured");
            }
        });
    }

    private void open(Route route, Delivery delivery) {
        routes.put(route.name(), route);
        queues.put(route.name(), RouteQueue.start(delivery, (notification, outcome) -> settled(route, notification,
                outcome)));
    }

    /** Follows the config: events of these probes are told with their current URL and labels. */
    void configured(List<ProbeConfig> configured) {
        configured.forEach(probe -> probes.put(probe.name(), probe));
    }

    /**
     * Takes a run's result and the certificate events it raised through the alert machine, grouped into incidents:
     * what a cause explains is told under the cause's sentence, not on its own.
     */
    void onResult(ProbeConfig probe, ProbeResult result, CertStatus cert) {
        Instant now = clock.instant();
        List<CertEvent> events = raised.remove(probe.name());
        Incidents.Grouped grouped = Incidents.of(Signals.of(result, cert, probe.spec().tls(), probe.cert().exactSet(),
                now), events == null ? List.of() : events, cert,
                result.failure() == null ? null : result.failure().kind());
        for (CertEvent event : grouped.unexplained()) {
            Signals.ofEvent(event, policy.renewals()).ifPresent(signal -> step(probe, signal, event.at(), policy));
        }
        grouped.explained().forEach((cause, explained) -> changesSeen(new Key(probe.name(), cause), explained));
        for (Signal signal : grouped.signals()) {
            step(probe, signal, now, policy);
        }
    }

    /**
     * Takes what a check of the hosts behind a moved or deleted load balancer says through the alert machine, as the
     * alert of the balancer (named like {@code ingress shop/web}; no URL, no labels). It fires on the first failing
     * check: a change the API server reported is no flaky run to wait out.
     *
     * @return whether a message went out (and was logged)
     */
    boolean onBalancer(String balancer, Signal signal) {
        return step(balancer, "", Map.of(), signal, clock.instant(), new AlertPolicy(1, policy.successThreshold(),
                policy.repeatInterval(), policy.minInterval(), policy.renewals()));
    }

    /** The last firing message of each alert about {@code condition} firing now, e.g. those a restart loaded. */
    List<Notification> firing(Condition condition) {
        return told.entrySet().stream().filter(e -> e.getKey().condition() == condition && firing(e.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    /**
     * Keeps a certificate event for the result of the run that raised it, which comes next on the same thread: only
     * with it is known whether a cause explains the change.
     */
    void onEvent(CertEvent event) {
        if (probes.containsKey(event.probe())) {
            raised.computeIfAbsent(event.probe(), name -> new ArrayList<>()).add(event);
        }
    }

    /** Forgets the alerts of a probe no longer configured, without telling anyone. */
    void forget(String probeName) {
        probes.remove(probeName);
        raised.remove(probeName);
        states.keySet().removeIf(key -> key.probe().equals(probeName));
        changesToTell.keySet().removeIf(key -> key.probe().equals(probeName));
        told.keySet().removeIf(key -> key.probe().equals(probeName));
        changed(true);
    }

    /** Tries again every route whose queue stalled after its retries, so a pending message does not wait forever. */
    void retryStalled() {
        queues.values().forEach(RouteQueue::resume);
    }

    private void step(ProbeConfig probe, Signal signal, Instant now, AlertPolicy policy) {
        step(probe.name(), probe.spec().url().toString(), probe.labels(), signal, now, policy);
    }

    /** Moves the alert on by {@code signal}; true when that sends a message. */
    private synchronized boolean step(String name, String url, Map<String, String> labels, Signal signal, Instant now,
            AlertPolicy policy) {
        Key key = new Key(name, signal.condition());
        AlertState quiet = AlertState.quiet(name, signal.condition());
        AlertState previous = states.getOrDefault(key, quiet);
        Step unheld = AlertMachine.step(previous, signal, policy, now);
        Step step = signal.ledBy() == null ? unheld : AlertMachine.held(unheld, previous);
        List<String> symptoms = symptoms(key, signal, step.send() != null);
        AlertState next = AlertMachine.forgettable(step.next(), policy, now) ? quiet : step.next();
        if (next == quiet) {
            states.remove(key);
        } else {
            states.put(key, next);
        }
        if (!next.equals(previous)) {
            changed(!sameOutside(next, previous));
        }
        if (!next.firing()) {
            told.remove(key);
        }
        if (step.send() == null) {
            return false;
        }
        boolean resolved = step.send() == Notification.Type.RESOLVED;
        Severity severity = resolved ? previous.severity() : step.next().severity();
        Notification notification = new Notification(nextSequence.getAndIncrement(), step.send(), name, url, labels,
                signal.condition(),
                severity == null ? signal.severity() : severity,
                resolved ? signal.condition().id() + " resolved" : signal.summary(),
                resolved ? List.of() : signal.details(), signal.facts(), now,
                resolved ? AlertMachine.downFor(previous, now) : null, resolved ? List.of() : symptoms);
        if (!resolved && !signal.condition().isEvent()) {
            told.put(key, notification);
        }
        LOG.log(Level.INFO, "alert " + notification.type().id() + " probe=" + name + " condition="
                + signal.condition().id() + ": " + notification.summary());
        routes.values().stream().filter(route -> route.accepts(notification))
                .forEach(route -> enqueue(new PendingNotification(route.name(), notification)));
        return true;
    }

    /** Keeps the certificate changes a cause explained, told as its symptoms the next time its alert sends. */
    private void changesSeen(Key cause, List<CertEvent> explained) {
        List<String> lines = changesToTell.computeIfAbsent(cause, key -> new ArrayList<>());
        explained.stream().map(CertEvent::message).filter(line -> !lines.contains(line))
                .limit(Math.max(0, MAX_CHANGES - lines.size())).forEach(lines::add);
    }

    /**
     * The symptoms of {@code signal}'s message should its alert send one now: the conditions its cause explains in this
     * run, then the certificate changes it explained since its last message (a change seen on the run before the alert
     * fired is still told when it fires). The changes are forgotten once told, or when the alert passes.
     */
    private List<String> symptoms(Key key, Signal signal, boolean sends) {
        if (!signal.failing() || sends) {
            List<String> changes = changesToTell.remove(key);
            if (signal.failing() && changes != null) {
                List<String> all = new ArrayList<>(signal.symptoms());
                all.addAll(changes);
                return all;
            }
        }
        return signal.symptoms();
    }

    /**
     * Whether two states of an alert differ at most in their counts of failing and passing runs, which change with
     * nearly every run; losing the last minute of them in a crash delays a firing or resolving by a run or two at most.
     */
    private static boolean sameOutside(AlertState a, AlertState b) {
        return a.firing() == b.firing() && Objects.equals(a.firingSince(), b.firingSince())
                && Objects.equals(a.lastFiringAt(), b.lastFiringAt()) && a.severity() == b.severity();
    }

    /** Counts a change, one to save soon when {@code key}; otherwise with the next periodic save. */
    private void changed(boolean key) {
        revision.incrementAndGet();
        if (key) {
            keyRevision.incrementAndGet();
        }
    }

    private void enqueue(PendingNotification pending) {
        outbox.put(new Queued(pending.route(), pending.notification().sequence()), pending);
        changed(true);
        queues.get(pending.route()).offer(pending.notification());
    }

    private void settled(Route route, Notification notification, Outcome outcome) {
        outbox.remove(new Queued(route.name(), notification.sequence()));
        changed(true);
    }

    /** The alert states, the outbox in the order it is to go, and the next sequence, as they are now. */
    AlertBook book() {
        List<PendingNotification> pending = new ArrayList<>(outbox.values());
        pending.sort(Comparator.comparingLong((PendingNotification p) -> p.notification().sequence())
                .thenComparing(PendingNotification::route));
        return new AlertBook(List.copyOf(states.values()), pending, nextSequence.get(), incidents());
    }

    /** The last message of every alert firing now, oldest first. */
    List<Notification> incidents() {
        return told.entrySet().stream().filter(e -> firing(e.getKey())).map(Map.Entry::getValue)
                .sorted(Comparator.comparingLong(Notification::sequence)).toList();
    }

    private boolean firing(Key key) {
        AlertState state = states.get(key);
        return state != null && state.firing();
    }

    @Override
    public VigilState addTo(VigilState state) {
        return state.withAlerts(book());
    }

    @Override
    public Revision revision() {
        return new Revision(revision.get(), keyRevision.get());
    }

    /** Stops the route queues after their current attempts; what they hold stays in the outbox. */
    @Override
    public void close() {
        queues.values().forEach(RouteQueue::close);
        deliveries.close();
    }
}
