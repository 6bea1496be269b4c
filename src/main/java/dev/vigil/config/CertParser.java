package dev.vigil.config;

import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CtSettings;
import dev.vigil.cert.LimitMode;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.RenewalWindow;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import dev.vigil.lb.IngressPods;
import dev.vigil.net.DnsSyntax;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a probe's {@code cert} object, merged key by key with the one in {@code defaults} (and so are the objects
 * inside it), into {@link CertSettings}, reporting every bad value.
 */
final class CertParser {
    private static final Keys LIMIT = new Keys(Set.of("capacity", "refill", "mode", "window", "warnAt"), Map.of(), Map.of());
    /** The keys of a {@code cert} object and of the objects in it. */
    static final Keys KEYS = new Keys(Set.of("track", "renewalWindow", "expiryWarnings", "duplicateLimit",
            "registeredDomain", "registeredDomainLimit", "ct", "limitIssuers", "ingressPods"), Map.of(), Map.of(
            "renewalWindow", new Keys(Set.of("fraction", "before"), Map.of(), Map.of()),
            "duplicateLimit", LIMIT,
            "registeredDomainLimit", LIMIT,
            "ct", new Keys(Set.of("enabled", "url", "minInterval", "timeout"), Map.of(), Map.of()),
            "ingressPods", KubernetesSettings.keys("namespace", "labelSelector")));
    /**
     * A label selector as Kubernetes writes one ({@code a=b,c!=d,e in (f, g),!h}): what its grammar's tokens are made
     * of. The API server judges the grammar itself; this keeps the request's query what it seems.
     */
    private static final Pattern LABEL_SELECTOR = Pattern.compile("[A-Za-z0-9._/=!,() -]{1,1024}");

    private final Problems problems;
    private final Typed typed;
    private final KubernetesSettings kubernetes;

    CertParser(Problems problems, Typed typed, KubernetesSettings kubernetes) {
        this.problems = problems;
        this.typed = typed;
        this.kubernetes = kubernetes;
    }

    /**
     * The settings of the probe seen through {@code layers}; null when a value they need was reported. A reported
     * {@code registeredDomain} reads as unset here, so callers must check {@link Problems} before using the result.
     */
    CertSettings parse(Layers layers) {
        Layers cert = layers.nested("cert", typed);
        Boolean track = cert.value("track", typed::bool, CertSettings.DEFAULT.track());
        RenewalWindow window = renewalWindow(cert.nested("renewalWindow", typed));
        List<Integer> warnings = cert.value("expiryWarnings", this::expiryWarnings, CertSettings.DEFAULT_EXPIRY_WARNING_DAYS);
        LimitPolicy exactSet = limit(cert.nested("duplicateLimit", typed), LimitPolicy.EXACT_SET);
        String domain = cert.value("registeredDomain", this::registeredDomain, null);
        LimitPolicy domainLimit = limit(cert.nested("registeredDomainLimit", typed), LimitPolicy.REGISTERED_DOMAIN);
        CtSettings ct = ct(cert.nested("ct", typed));
        List<String> issuers = cert.value("limitIssuers", this::limitIssuers, CertSettings.LETS_ENCRYPT);
        ConfigNode podsNode = cert.get("ingressPods");
        IngressPods pods = podsNode == null ? null : ingressPods(cert.nested("ingressPods", typed), podsNode,
                layers.probe() != null && podsNode instanceof ObjectNode);
        if (track == null || window == null || warnings == null || exactSet == null || domainLimit == null || ct == null
                || issuers == null || DnsParser.failed(cert, "ingressPods", pods)) {
            return null;
        }
        return new CertSettings(track, window, warnings, exactSet, domain, domainLimit, ct, issuers, pods);
    }

    /**
     * The ingress controller's pods; {@code complete} when a missing namespace or label selector is an error to report
     * at {@code at}. Null when either is missing (the defaults alone may leave them to each probe) or reported.
     */
    private IngressPods ingressPods(Layers pods, ConfigNode at, boolean complete) {
        String namespace = kubernetes.required(pods, at, "namespace", complete, n -> kubernetes.name(n, "namespace"));
        String selector = kubernetes.required(pods, at, "labelSelector", complete, this::labelSelector);
        KubernetesSettings.Access access = kubernetes.access(pods);
        return namespace == null || selector == null || access == null ? null
                : new IngressPods(namespace, selector, access.apiUrl(), access.tokenFile(), access.caFile());
    }

    private String labelSelector(ConfigNode node) {
        String text = typed.string(node);
        if (text != null && (text.isBlank() || !LABEL_SELECTOR.matcher(text).matches())) {
            problems.add(node, "labelSelector '" + text + "' is not a Kubernetes label selector: write e.g."
                    + " app.kubernetes.io/name=traefik (at most 1024 letters, digits, spaces and . _ / = ! , ( ) -;"
                    + " not empty, which would select every pod)");
            return null;
        }
        return text == null ? null : text.strip();
    }

    private RenewalWindow renewalWindow(Layers window) {
        Double fraction = window.value("fraction", this::fraction, RenewalWindow.DEFAULT.fraction());
        Duration before = window.value("before", typed::duration, RenewalWindow.DEFAULT.before());
        return fraction == null || before == null ? null : new RenewalWindow(fraction, before);
    }

    /** A renewal window's fraction, checked by {@link RenewalWindow} itself so its rule lives in one place. */
    private Double fraction(ConfigNode node) {
        Double fraction = typed.number(node);
        return fraction == null || typed.attempt(node, () -> new RenewalWindow(fraction, RenewalWindow.DEFAULT.before())) == null
                ? null : fraction;
    }

    private List<Integer> expiryWarnings(ConfigNode node) {
        ArrayNode array = typed.array(node);
        if (array == null) {
            return null;
        }
        if (array.items().isEmpty()) {
            problems.add(node, "expiryWarnings must list at least one duration");
            return null;
        }
        List<Integer> days = new ArrayList<>();
        Map<Integer, ConfigNode> first = new HashMap<>();
        for (ConfigNode item : array.items()) {
            Integer day = wholeDays(item);
            ConfigNode earlier = day == null ? null : first.putIfAbsent(day, item);
            if (earlier != null) {
                problems.add(item, "duplicate expiry warning of " + day + " days (first at line " + earlier.line() + ")");
            }
            days.add(day);
        }
        return days.size() == first.size() ? days : null; // every item read, and none twice
    }

    private Integer wholeDays(ConfigNode node) {
        Duration duration = typed.duration(node);
        if (duration != null && !duration.equals(Duration.ofDays(duration.toDays()))) {
            // It was read as a duration, so it is a string.
            problems.add(node, "expiry warning '" + ((ValueNode) node).text() + "' is not a whole number of days; write e.g. 7d");
            return null;
        }
        // Beyond the largest int every certificate is inside the warning anyway.
        return duration == null ? null : (int) Math.min(duration.toDays(), Integer.MAX_VALUE);
    }

    /** The issuer organisations whose certificates count against the limits: at least one, each once. */
    private List<String> limitIssuers(ConfigNode node) {
        ArrayNode array = typed.array(node);
        if (array == null) {
            return null;
        }
        if (array.items().isEmpty()) {
            problems.add(node, "limitIssuers must name at least one issuer organisation, e.g. \"Let's Encrypt\"");
            return null;
        }
        List<String> issuers = new ArrayList<>();
        Map<String, ConfigNode> first = new HashMap<>();
        boolean bad = false;
        for (ConfigNode item : array.items()) {
            String issuer = typed.string(item);
            if (issuer == null) {
                bad = true;
            } else if (issuer.isBlank()) {
                problems.add(item, "an issuer organisation must not be blank");
                bad = true;
            } else {
                ConfigNode earlier = first.putIfAbsent(issuer.strip().toLowerCase(Locale.ROOT), item);
                if (earlier != null) {
                    problems.add(item, "duplicate issuer '" + issuer + "' (first at line " + earlier.line() + ")");
                    bad = true;
                }
                issuers.add(issuer.strip());
            }
        }
        return bad ? null : issuers;
    }

    private String registeredDomain(ConfigNode node) {
        String text = typed.string(node);
        if (text != null && !DnsSyntax.isDnsName(text)) {
            problems.add(node, "registeredDomain '" + text + "' is not a DNS name like example.co.uk:"
                    + " two or more dot-separated labels of letters, digits and '-'");
            return null;
        }
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private LimitPolicy limit(Layers limit, LimitPolicy fallback) {
        Integer capacity = limit.value("capacity", n -> typed.integer(n, 1), fallback.capacity());
        Duration refill = limit.value("refill", typed::duration, fallback.refill());
        LimitMode mode = limit.value("mode", n -> typed.choice(n, "mode", LimitMode.values()), fallback.mode());
        Duration window = limit.value("window", typed::duration, fallback.window());
        Integer warnAt = limit.value("warnAt", n -> typed.integer(n, 0), fallback.warnAt());
        if (capacity != null && warnAt != null && warnAt >= capacity) {
            problems.add(limit.blame(limit.get("warnAt"), limit.get("capacity")),
                    "warnAt (" + warnAt + ") must be less than capacity (" + capacity + ")");
            return null;
        }
        if (capacity == null || refill == null || mode == null || window == null || warnAt == null) {
            return null;
        }
        return new LimitPolicy(capacity, refill, mode, window, warnAt);
    }

    private CtSettings ct(Layers ct) {
        Boolean enabled = ct.value("enabled", typed::bool, CtSettings.DEFAULT.enabled());
        URI url = ct.value("url", this::ctUrl, CtSettings.DEFAULT.url());
        Duration minInterval = ct.value("minInterval", typed::duration, CtSettings.DEFAULT.minInterval());
        Duration timeout = ct.value("timeout", typed::duration, CtSettings.DEFAULT.timeout());
        if (enabled == null || url == null || minInterval == null || timeout == null) {
            return null;
        }
        return new CtSettings(enabled, url, minInterval, timeout);
    }

    /** The CT API's URL, never quoted in errors. */
    private URI ctUrl(ConfigNode node) {
        return typed.parsed(node, text -> Urls.absolute(text, "url", List.of("http", "https"), "https://crt.sh/"));
    }
}
