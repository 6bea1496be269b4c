package dev.vigil.output.alertmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.output.Delivery;
import dev.vigil.output.Outcome;
import dev.vigil.output.Resending;
import dev.vigil.output.Route;
import dev.vigil.output.Secret;
import dev.vigil.output.WebhookClient;
import dev.vigil.output.WebhookSender;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Posts a route's notifications to each of its Alertmanagers as {@link AlertmanagerAlerts alerts}, and re-sends the
 * alerts still firing on the route's cadence ({@link Resending}). Every Alertmanager gets every post, at the same
 * time; the attempt counts as delivered when any of them took it (a test message: each), so one that is down does not
 * stall the route's queue for the others. What it missed reaches it later: the alerts still firing with the next
 * re-send, and a resolution it did not take with each re-send until it does (a firing alert it never hears of again
 * resolves at its {@code endsAt} anyway). When none took it, the outcome is retried if any might take it later, else
 * dropped. Thread-safe: {@link #send} and {@link #resendFiring} run one at a time.
 */
final class AlertmanagerDelivery implements Delivery, Resending {
    private static final Logger LOG = System.getLogger("dev.vigil.output");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String API = "/api/v2/alerts";
    /** Resolutions kept per Alertmanager to tell again; beyond it the oldest is left to end at its {@code endsAt}. */
    private static final int MAX_UNTOLD = 1000;

    private record Key(String probe, Condition condition) {
        static Key of(Notification n) {
            return new Key(n.probe(), n.condition());
        }
    }

    /** An alert firing: since when, as this delivery saw it, and its latest message. */
    private record Firing(Instant since, Notification latest) {
    }

    /** One Alertmanager: its sender, whether its last post failed, and the resolutions it did not take yet. */
    private static final class Receiver {
        final WebhookSender sender;
        final Map<Key, ObjectNode> untold = new LinkedHashMap<>();
        boolean failing;

        Receiver(WebhookSender sender) {
            this.sender = sender;
        }
    }

    private final String name;
    private final Duration resendInterval;
    private final String generatorUrl;
    private final Clock clock;
    private final List<Receiver> receivers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, Firing> firing = new LinkedHashMap<>();

    AlertmanagerDelivery(AlertmanagerRoute config, WebhookClient client, Clock clock) {
        Route route = config.route();
        this.name = "alertmanager route '" + route.name() + "'";
        this.resendInterval = config.resendInterval();
        this.generatorUrl = config.generatorUrl();
        this.clock = clock;
        this.receivers = config.urls().stream().map(url -> new Receiver(new WebhookSender("alertmanager",
                new Route(route.name(), api(url), route.severities(), route.labels()), client,
                // Only post() is used: a body holds the alerts of many notifications.
                n -> JSON.arrayNode().toString(), UnaryOperator.identity()))).toList();
    }

    /** The alerts endpoint under an Alertmanager's base URL, which may end in a slash or carry a path prefix. */
    private static Secret api(Secret base) {
        return new Secret(base.reveal().replaceFirst("/+$", "") + API);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration resendInterval() {
        return resendInterval;
    }

    @Override
    public Outcome send(Notification n) throws InterruptedException {
        lock.lock();
        try {
            Instant now = clock.instant();
            Key key = Key.of(n);
            Firing before = firing.get(key);
            Instant since = before == null ? null : before.since();
            List<ObjectNode> alerts = new ArrayList<>();
            if (AlertmanagerAlerts.fires(n)) {
                boolean renamed = before != null
                        && !AlertmanagerAlerts.labels(before.latest()).equals(AlertmanagerAlerts.labels(n));
                if (renamed) {
                    // A new severity is a new alert to Alertmanager: the old one ends now rather than at its endsAt.
                    alerts.add(AlertmanagerAlerts.alert(before.latest(), since, now, generatorUrl));
                }
                Instant startsAt = AlertmanagerAlerts.startsAt(n, since);
                firing.put(key, new Firing(startsAt, n));
                receivers.forEach(receiver -> receiver.untold.remove(key));
                alerts.add(AlertmanagerAlerts.alert(n, startsAt, AlertmanagerAlerts.endsAt(n, now, resendInterval),
                        generatorUrl));
            } else {
                if (n.type() == Notification.Type.RESOLVED) {
                    firing.remove(key);
                }
                alerts.add(AlertmanagerAlerts.alert(n, AlertmanagerAlerts.startsAt(n, since),
                        AlertmanagerAlerts.endsAt(n, now, resendInterval), generatorUrl));
            }
            Map<Receiver, Outcome> outcomes = postAll(receiver -> alerts);
            if (n.type() == Notification.Type.RESOLVED) {
                outcomes.forEach((receiver, outcome) -> {
                    if (outcome.kind() == Outcome.Kind.RETRY_LATER) {
                        untold(receiver, key, alerts.getLast());
                    }
                });
            }
            return combined(outcomes, n.type() == Notification.Type.TEST);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resendFiring() throws InterruptedException {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<ObjectNode> alerts = firing.values().stream().map(alert -> AlertmanagerAlerts.alert(alert.latest(),
                    alert.since(), AlertmanagerAlerts.endsAt(alert.latest(), now, resendInterval), generatorUrl))
                    .toList();
            postAll(receiver -> {
                List<ObjectNode> batch = new ArrayList<>(alerts);
                batch.addAll(receiver.untold.values());
                return batch;
            }).forEach((receiver, outcome) -> {
                if (outcome.kind() != Outcome.Kind.RETRY_LATER) {
                    receiver.untold.clear();
                }
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void alreadyFiring(Notification latest) {
        lock.lock();
        try {
            firing.putIfAbsent(Key.of(latest), new Firing(AlertmanagerAlerts.startsAt(latest, null), latest));
        } finally {
            lock.unlock();
        }
    }

    private static void untold(Receiver receiver, Key key, ObjectNode resolution) {
        receiver.untold.put(key, resolution);
        Iterator<Key> oldest = receiver.untold.keySet().iterator();
        while (receiver.untold.size() > MAX_UNTOLD) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Posts to every Alertmanager at once the alerts {@code batch} gives it, skipping those with none; each post is
     * bounded in time by its sender. Logs an Alertmanager that starts failing and one that takes alerts again.
     */
    private Map<Receiver, Outcome> postAll(Function<Receiver, List<ObjectNode>> batch)
            throws InterruptedException {
        Map<Receiver, Future<Outcome>> posts = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Receiver receiver : receivers) {
                List<ObjectNode> alerts = batch.apply(receiver);
                if (!alerts.isEmpty()) {
                    ArrayNode body = JSON.arrayNode().addAll(alerts);
                    posts.put(receiver, pool.submit(() -> receiver.sender.post(body.toString())));
                }
            }
            Map<Receiver, Outcome> outcomes = new LinkedHashMap<>();
            for (Map.Entry<Receiver, Future<Outcome>> post : posts.entrySet()) {
                outcomes.put(post.getKey(), outcome(post.getValue()));
            }
            outcomes.forEach(this::logChange);
            return outcomes;
        }
    }

    private Outcome outcome(Future<Outcome> post) throws InterruptedException {
        try {
            return post.get();
        } catch (ExecutionException e) {
            // The sender classifies every network failure, so this is a bug; its cause may name the URL.
            throw new IllegalStateException(name + ": a post failed unexpectedly");
        }
    }

    private void logChange(Receiver receiver, Outcome outcome) {
        boolean failed = outcome.kind() != Outcome.Kind.DELIVERED;
        if (failed && !receiver.failing) {
            LOG.log(Level.WARNING, name + ": Alertmanager " + receiver.sender.where() + " did not take alerts ("
                    + outcome.reason() + "); the route's other Alertmanagers still get every alert");
        } else if (!failed && receiver.failing) {
            LOG.log(Level.INFO, name + ": Alertmanager " + receiver.sender.where() + " takes alerts again");
        }
        receiver.failing = failed;
    }

    /**
     * Delivered when any Alertmanager took it, or for a test message ({@code vigil notify-test}, which checks every
     * URL) when each did; else worth retrying when any that did not might take it later; else dropped. The reason
     * names each that did not take it.
     */
    private static Outcome combined(Map<Receiver, Outcome> outcomes, boolean test) {
        boolean delivered = test ? outcomes.values().stream().allMatch(o -> o.kind() == Outcome.Kind.DELIVERED)
                : outcomes.values().stream().anyMatch(o -> o.kind() == Outcome.Kind.DELIVERED);
        if (delivered) {
            return Outcome.delivered();
        }
        Map<Receiver, Outcome> failed = new LinkedHashMap<>(outcomes);
        failed.values().removeIf(o -> o.kind() == Outcome.Kind.DELIVERED);
        String reasons = failed.entrySet().stream().map(e -> e.getKey().sender.where() + ": " + e.getValue().reason())
                .collect(Collectors.joining("; "));
        boolean later = failed.values().stream().anyMatch(o -> o.kind() == Outcome.Kind.RETRY_LATER);
        return later ? Outcome.retryLater(reasons, null) : Outcome.dropped(reasons);
    }
}
