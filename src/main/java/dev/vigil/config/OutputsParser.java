package dev.vigil.config;

import dev.vigil.alert.AlertPolicy;
import dev.vigil.cert.Severity;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.Secret;
import dev.vigil.output.alertmanager.AlertmanagerRoute;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import dev.vigil.output.slack.SlackRoute;
import dev.vigil.output.webhook.WebhookRoute;
import dev.vigil.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the top-level {@code outputs} object into {@link Outputs}, reporting every bad value. Route URLs are
 * secrets: written literally or as references, and never quoted.
 */
final class OutputsParser {
    /** {@code repeatInterval}'s spelling of "no reminders". */
    private static final String NEVER = "never";
    private static final Keys ALERTS = new Keys(Set.of("failureThreshold", "successThreshold", "repeatInterval",
            "minInterval", "renewals"), Map.of(), Map.of());
    /**
     * The kinds of route, each with its key in {@code outputs}, its URL, the keys only it takes and how it reads
     * them; routes are read kind by kind in this order. A new output kind is one entry here.
     */
    private static final List<RouteKind> ROUTE_KINDS = List.of(
            new RouteKind("slack", "webhookUrl", UrlCount.ONE, List.of("https"),
                    "https://hooks.slack.com/services/T000/B000/XXXX", Set.of("mention"), (own, typed) -> {
                        String mention = own.value("mention", typed::string, null);
                        return (route, urls) -> new SlackRoute(route, mention);
                    }),
            new RouteKind("webhooks", "url", UrlCount.ONE, List.of("http", "https"),
                    "https://alerts.example.com/vigil", Set.of(),
                    (own, typed) -> (route, urls) -> new WebhookRoute(route)),
            new RouteKind("alertmanager", "urls", UrlCount.SEVERAL, List.of("http", "https"),
                    "http://alertmanager:9093", Set.of("resendInterval", "timeout", "generatorUrl"),
                    OutputsParser::alertmanager));
    /** The keys of the {@code outputs} object and of the objects in it (route arrays are checked item by item). */
    static final Keys KEYS = new Keys(Stream.concat(Stream.of("pushgateway", "alerts"),
            ROUTE_KINDS.stream().map(RouteKind::key)).collect(Collectors.toSet()), Map.of(),
            Map.of("pushgateway", PushgatewayParser.KEYS, "alerts", ALERTS));

    private final Problems problems;
    private final Typed typed;
    private final Names names;
    private final References references;
    private final PushgatewayParser pushgateways;

    OutputsParser(Problems problems, References references, Supplier<String> hostName) {
        this.problems = problems;
        this.typed = new Typed(problems);
        this.names = new Names(problems, typed);
        this.references = references;
        this.pushgateways = new PushgatewayParser(problems, typed, references, hostName);
    }

    /** The outputs {@code node} describes; null when anything (in it or elsewhere) was reported. */
    Outputs parse(ConfigNode node) {
        ObjectNode outputs = typed.object(node);
        if (outputs == null) {
            return null;
        }
        Layers layers = Layers.of(outputs);
        PushgatewaySettings pushgateway = layers.value("pushgateway", n -> object(n, pushgateways::parse), null);
        Map<String, Located> routeNames = new HashMap<>();
        List<RouteConfig> routes = new ArrayList<>();
        for (RouteKind kind : ROUTE_KINDS) {
            routes.addAll(layers.value(kind.key(), n -> routes(n, kind, routeNames), List.of()));
        }
        AlertPolicy alerts = layers.value("alerts", n -> object(n, o -> alerts(Layers.of(o))), AlertPolicy.DEFAULT);
        return problems.isEmpty() ? new Outputs(pushgateway, routes, alerts) : null;
    }

    /** The object {@code node} read by {@code read}; null after reporting that it is not an object. */
    private <T> T object(ConfigNode node, Function<ObjectNode, T> read) {
        ObjectNode object = typed.object(node);
        return object == null ? null : read.apply(object);
    }

    private List<RouteConfig> routes(ConfigNode node, RouteKind kind, Map<String, Located> seen) {
        ArrayNode array = typed.array(node);
        List<RouteConfig> routes = new ArrayList<>();
        for (ConfigNode item : array == null ? List.<ConfigNode>of() : array.items()) {
            ObjectNode route = typed.object(item);
            if (route != null) {
                kind.keys().check(route, problems);
                String name = names.name(route);
                names.unique(seen, "route", name, route.get("name"));
                routes.add(route(route, name, kind));
            }
        }
        return routes;
    }

    /** The route {@code object} named {@code name} (null: reported); null when any of its values was reported. */
    private RouteConfig route(ObjectNode object, String name, RouteKind kind) {
        Layers route = Layers.of(object);
        ConfigNode urlNode = typed.required(object, kind.urlKey());
        List<Secret> urls = urlNode == null ? null : switch (kind.urls()) {
            case ONE -> {
                Secret url = url(urlNode, kind);
                yield url == null ? null : List.of(url);
            }
            case SEVERAL -> urls(urlNode, kind);
        };
        Set<Severity> severities = route.value("severities", this::severities, Set.of());
        Map<String, String> labels = route.value("labels", this::labels, Map.of());
        BiFunction<Route, List<Secret>, RouteConfig> ofKind = kind.own().read(route, typed);
        boolean read = name != null && urls != null && severities != null && labels != null && ofKind != null;
        return read ? ofKind.apply(new Route(name, urls.getFirst(), severities, labels), urls) : null;
    }

    /** The valid URL the string {@code node} holds, references expanded; null after reporting it. */
    private Secret url(ConfigNode node, RouteKind kind) {
        Secret url = references.secret(node, kind.urlKey());
        boolean valid = url != null && typed.attempt(node, () -> Urls.absolute(url.reveal(), kind.urlKey(),
                kind.schemes(), kind.example(), kind.urls() == UrlCount.SEVERAL)) != null;
        return valid ? url : null;
    }

    /** The URLs of the array {@code node}, at least one and each once; null after reporting any. */
    private List<Secret> urls(ConfigNode node, RouteKind kind) {
        ArrayNode array = typed.array(node);
        if (array != null && array.items().isEmpty()) {
            problems.add(node, kind.urlKey() + " must list at least one URL, e.g. [\"" + kind.example() + "\"]");
            return null;
        }
        List<Secret> urls = typed.list(array, item -> url(item, kind));
        if (urls == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < urls.size(); i++) {
            if (!seen.add(urls.get(i).reveal().replaceFirst("/+$", ""))) {
                // Never quoted: a URL may hold credentials.
                problems.add(array.items().get(i), "duplicate URL: each is sent every alert already");
                return null;
            }
        }
        return urls;
    }

    /** An Alertmanager route's own keys. */
    private static BiFunction<Route, List<Secret>, RouteConfig> alertmanager(Layers own, Typed typed) {
        Duration resend = own.value("resendInterval", typed::duration, AlertmanagerRoute.DEFAULT_RESEND_INTERVAL);
        Duration timeout = own.value("timeout", typed::duration, AlertmanagerRoute.DEFAULT_TIMEOUT);
        String generator = own.value("generatorUrl", node -> typed.parsed(node, text -> Urls.absolute(text,
                "generatorUrl", List.of("http", "https"), "http://vigil.example.com/").toString()), null);
        boolean read = resend != null && timeout != null && (generator != null || own.get("generatorUrl") == null);
        return read ? (route, urls) -> new AlertmanagerRoute(route, urls, resend, timeout, generator) : null;
    }

    private Set<Severity> severities(ConfigNode node) {
        ArrayNode array = typed.array(node);
        if (array != null && array.items().isEmpty()) {
            problems.add(node, "severities must list at least one severity; leave it out to send all");
            return null;
        }
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        for (ConfigNode item : array == null ? List.<ConfigNode>of() : array.items()) {
            Severity severity = typed.choice(item, "severity", Severity.values());
            if (severity != null && !severities.add(severity)) {
                problems.add(item, "duplicate severity '" + severity.id() + "'");
            }
        }
        return array == null ? null : severities;
    }

    private Map<String, String> labels(ConfigNode node) {
        ObjectNode labels = typed.object(node);
        return labels == null ? null : names.labels(labels.members(), name -> null);
    }

    private AlertPolicy alerts(Layers alerts) {
        AlertPolicy fallback = AlertPolicy.DEFAULT;
        Integer failures = alerts.value("failureThreshold", n -> typed.integer(n, 1), fallback.failureThreshold());
        Integer successes = alerts.value("successThreshold", n -> typed.integer(n, 1), fallback.successThreshold());
        Duration repeat = alerts.value("repeatInterval", n -> typed.parsed(n, OutputsParser::repeatInterval), fallback.repeatInterval());
        Duration minInterval = alerts.value("minInterval", typed::duration, fallback.minInterval());
        Boolean renewals = alerts.value("renewals", typed::bool, fallback.renewals());
        boolean read = failures != null && successes != null && repeat != null && minInterval != null && renewals != null;
        return read ? new AlertPolicy(failures, successes, repeat, minInterval, renewals) : null;
    }

    /** A positive duration, or {@link #NEVER} for no reminders ({@link Duration#ZERO} in {@link AlertPolicy}). */
    private static Duration repeatInterval(String text) {
        if (text.equals(NEVER)) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or " + NEVER + " for no reminders", e);
        }
    }

    /**
     * One kind of route: the list {@code outputs.<key>}.
     *
     * @param key     the key of the list in {@code outputs}
     * @param urlKey  the key of the URL, a secret, or of the array of URLs
     * @param urls    whether the route has one URL or an array of them; each of several may hold credentials
     * @param schemes the URL's allowed schemes
     * @param example a URL shown in errors
     * @param ownKeys the keys these routes take besides the URL and those every route takes; {@code own} reads them
     * @param own     reads the route's own keys, reporting bad values, and finishes the route from what every route has
     */
    private record RouteKind(String key, String urlKey, UrlCount urls, List<String> schemes, String example,
            Set<String> ownKeys,
            OwnKeys own) {
        Keys keys() {
            Set<String> keys = new HashSet<>(ownKeys);
            keys.addAll(Set.of("name", urlKey, "severities", "labels"));
            return new Keys(keys, Map.of(), Map.of());
        }
    }

    /**
     * How many URLs a kind of route takes: Slack and webhooks one, a secret path; Alertmanager several (each is sent
     * everything), which may carry basic-auth credentials as {@code user:password@}.
     */
    private enum UrlCount {
        ONE, SEVERAL
    }

    /** Reads the keys only one kind of route takes. */
    @FunctionalInterface
    private interface OwnKeys {
        /**
         * Reads {@code route}'s own keys, reporting bad values; returns how to make the kind's route of the rest and
         * its URLs, or null when any value was reported.
         */
        BiFunction<Route, List<Secret>, RouteConfig> read(Layers route, Typed typed);
    }
}
