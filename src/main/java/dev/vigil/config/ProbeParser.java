package dev.vigil.config;

import dev.vigil.cert.CertSettings;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Regex;
import dev.vigil.probe.StatusRange;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.starttls.StartTls;
import dev.vigil.probe.tcp.TlsProbe;
import dev.vigil.text.ByteSizes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns one probe object, seen through the defaults, into a {@link ProbeConfig} of the kind its {@code url} names
 * ({@code http(s)://} or {@code tls://}), reporting every bad value. The keys a probe may have are listed here, with
 * the code that reads them.
 */
final class ProbeParser {
    /** Keys only the HTTP kind reads; a TLS probe that sets one is told so. */
    private static final Set<String> HTTP_KEYS = Set.of("method", "headers", "expectStatus", "expectBodyMatches",
            "failIfBodyMatches", "followRedirects", "expectHttpsRedirect", "maxBodySize", "httpVersion");
    private static final Set<String> COMMON_KEYS = Set.of("name", "url", "interval", "timeout", "ipFamily", "tls",
            "labels", "cert", "dns", "starttls");
    private static final Keys TLS_KEYS = new Keys(Set.of("caFile", "insecure", "warnDays", "critDays"), Map.of(), Map.of());
    /** The keys of a probe object and of the objects in it. */
    static final Keys KEYS = new Keys(union(COMMON_KEYS, HTTP_KEYS), Map.of(),
            Map.of("tls", TLS_KEYS, "cert", CertParser.KEYS, "dns", DnsParser.KEYS));
    /** The keys of {@code defaults}: a probe's, less those every probe must set itself. */
    static final Keys DEFAULTS_KEYS = KEYS.refusing(Map.of(
            "name", "'name' is not allowed in defaults: every probe needs its own",
            "url", "'url' is not allowed in defaults: every probe needs its own",
            "starttls", "'starttls' is not allowed in defaults: it belongs to a probe with a tls:// url"));
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z_-]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Problems problems;
    private final Typed typed;
    private final CertParser certs;
    private final DnsParser dns;
    private final ConfigPaths paths;
    private final References references;
    private final Names names;
    private final Shared shared = new Shared();

    ProbeParser(Problems problems, References references, Path baseDir) {
        this.problems = problems;
        this.typed = new Typed(problems);
        this.paths = new ConfigPaths(problems, typed, baseDir);
        KubernetesSettings kubernetes = new KubernetesSettings(problems, typed, paths);
        this.certs = new CertParser(problems, typed, kubernetes);
        this.dns = new DnsParser(problems, typed, kubernetes);
        this.references = references;
        this.names = new Names(problems, typed);
    }

    /** The probe, or null when anything in it (or anywhere before it) was reported. */
    ProbeConfig parse(ObjectNode defaults, ObjectNode probe, String name) {
        return build(new Layers(defaults, probe), name, url(probe));
    }

    /**
     * A module of {@code /probe}: the probe {@code module} describes, seen through the defaults, with
     * {@code placeholder} as its URL, which also gives its kind; null when anything was reported.
     */
    ProbeConfig parseModule(ObjectNode defaults, ObjectNode module, String name, URI placeholder) {
        return build(new Layers(defaults, module), name, placeholder);
    }

    /** Reports every bad value in {@code defaults}, including ones each probe overrides. */
    void validateDefaults(ObjectNode defaults) {
        build(new Layers(defaults, null), null, null);
    }

    private ProbeConfig build(Layers layers, String name, URI url) {
        boolean tlsKind = url != null && TlsSpec.SCHEME.equalsIgnoreCase(url.getScheme());
        StartTls starttls = starttls(layers, url, tlsKind);
        Duration interval = shared.of(layers.value("interval", typed::duration, ProbeConfig.DEFAULT_INTERVAL));
        Duration timeout = shared.of(layers.value("timeout", typed::duration, ProbeSpec.DEFAULT_TIMEOUT));
        layers.checkTimeout(interval, timeout, problems);
        String method = shared.of(layers.value("method", this::method, "GET"));
        List<Header> headers = shared.of(List.copyOf(headers(layers.merged("headers", s -> s.toLowerCase(Locale.ROOT), typed))));
        List<StatusRange> statuses = layers.value("expectStatus", this::statuses, List.of());
        List<Regex> mustMatch = layers.value("expectBodyMatches", this::regexes, List.of());
        List<Regex> mustNotMatch = layers.value("failIfBodyMatches", this::regexes, List.of());
        Boolean follow = layers.value("followRedirects", typed::bool, true);
        Boolean httpsRedirect = layers.value("expectHttpsRedirect", typed::bool, false);
        if (Boolean.TRUE.equals(httpsRedirect) && url != null && !tlsKind && !"http".equalsIgnoreCase(url.getScheme())) {
            problems.add(layers.get("expectHttpsRedirect"), "expectHttpsRedirect needs an http:// URL, but url is '" + url + "'");
        }
        Long maxBody = layers.value("maxBodySize", this::bodyLimit, HttpSpec.DEFAULT_MAX_BODY_BYTES);
        IpFamily family = layers.value("ipFamily", n -> typed.choice(n, "ipFamily", IpFamily.values()), IpFamily.ANY);
        HttpVersion version = layers.value("httpVersion", n -> typed.parsed(n, HttpVersion::parse), HttpVersion.HTTP_1_1);
        TlsOptions tls = shared.of(tls(layers));
        Map<String, String> labels = labels(layers.merged("labels", UnaryOperator.identity(), typed));
        CertSettings cert = shared.of(certs.parse(layers));
        DnsOptions dnsOptions = shared.of(dns.parse(layers, tlsKind ? HttpVersion.HTTP_1_1 : version));
        if (!problems.isEmpty() || name == null || url == null) {
            return null;
        }
        if (tlsKind) {
            return new ProbeConfig(name, interval, labels, new TlsSpec(TlsProbe.target(url, starttls),
                    starttls == null ? null : starttls.id(), timeout, tls, List.of(), family, dnsOptions), cert);
        }
        HttpExpectations expect = shared.of(new HttpExpectations(statuses, mustMatch, mustNotMatch, follow, httpsRedirect));
        try {
            return new ProbeConfig(name, interval, labels,
                    new HttpSpec(url, method, headers, timeout, expect, tls, maxBody, List.of(), family, version, dnsOptions), cert);
        } catch (IllegalArgumentException e) {
            // A rule of the probe as a whole (e.g. HTTP/2 with a pinned IP family), not of one key.
            problems.add(Objects.requireNonNullElse(layers.blame(layers.get("httpVersion"), layers.get("ipFamily")), layers.get("url")), e.getMessage());
            return null;
        }
    }

    /**
     * The probe's STARTTLS protocol, or null; reports it on a probe that is not a TLS one, and the HTTP keys a TLS
     * probe sets itself (in {@code defaults} they apply to the HTTP probes only).
     */
    private StartTls starttls(Layers layers, URI url, boolean tlsKind) {
        StartTls starttls = layers.value("starttls", n -> typed.parsed(n, StartTls::parse), null);
        if (starttls != null && url != null && !tlsKind) {
            problems.add(layers.get("starttls"), "starttls needs a tls:// url, but url is '" + url + "'");
        }
        if (tlsKind) {
            for (String key : new TreeSet<>(HTTP_KEYS)) {
                ConfigNode node = layers.probe().get(key);
                if (node != null) {
                    problems.add(node, key + " applies to http(s) probes only; this probe's url is '" + url + "'");
                }
            }
        }
        return starttls;
    }

    private URI url(ObjectNode probe) {
        ConfigNode node = probe.get("url");
        if (node == null) {
            problems.add(probe, "missing required key 'url'");
            return null;
        }
        String text = typed.string(node);
        if (text == null) {
            return null;
        }
        String problem;
        try {
            URI url = new URI(text);
            HttpSpec.UrlProblem wrong = HttpSpec.urlProblem(url);
            if (url.getScheme() == null) {
                problem = "is not absolute; write e.g. https://host/path";
            } else if (TlsSpec.SCHEME.equalsIgnoreCase(url.getScheme())) {
                return typed.attempt(node, () -> {
                    TlsSpec.checkUrl(url);
                    return url;
                });
            } else if (wrong == null) {
                return url;
            } else if (wrong == HttpSpec.UrlProblem.CREDENTIALS) {
                // Never quote this URL: its user info is a credential.
                problems.add(node, "url must not contain credentials (user:password@); send an Authorization header"
                        + " whose value references a secret, e.g. \"Bearer ${TOKEN}\"");
                return null;
            } else {
                problem = wrong == HttpSpec.UrlProblem.NO_HOST ? "has no host" : "must use http or https, not "
                        + url.getScheme();
            }
        } catch (URISyntaxException e) {
            problem = "is not a valid URL: " + e.getReason() + " at index " + e.getIndex();
        }
        problems.add(node, "url '" + text + "' " + problem);
        return null;
    }

    private Long bodyLimit(ConfigNode node) {
        Long bytes;
        if (node instanceof ValueNode v && !v.isString()) {
            bytes = typed.integer(node);
            if (bytes != null && bytes <= 0) {
                problems.add(node, "size must be positive, got " + bytes);
                return null;
            }
        } else {
            bytes = typed.parsed(node, ByteSizes::parse);
        }
        return bytes == null ? null : typed.attempt(node, () -> Sizes.bodyLimit(bytes));
    }

    private String method(ConfigNode node) {
        String method = typed.string(node);
        if (method != null && !METHOD.matcher(method).matches()) {
            problems.add(node, "method '" + method + "' must be an uppercase HTTP method such as GET or HEAD");
            return null;
        }
        return method;
    }

    private List<StatusRange> statuses(ConfigNode node) {
        ArrayNode array = typed.array(node);
        if (array != null && array.items().isEmpty()) {
            problems.add(node, "expectStatus must list at least one status or range");
            return null;
        }
        return typed.list(array, item -> {
            if (item instanceof ValueNode v && v.isString()) {
                return typed.parsed(item, StatusRange::parse);
            }
            Long code = typed.integer(item);
            if (code == null) {
                return null;
            }
            int status = Math.clamp(code, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return typed.attempt(item, () -> new StatusRange(status, status));
        });
    }

    private List<Regex> regexes(ConfigNode node) {
        return typed.list(typed.array(node), item -> {
            String source = typed.string(item);
            try {
                return source == null ? null : Regex.of(source);
            } catch (PatternSyntaxException e) {
                problems.add(item, "invalid regex '" + source + "': " + e.getDescription() + " near index " + e.getIndex());
                return null;
            } catch (IllegalArgumentException e) {
                problems.add(item, e.getMessage());
                return null;
            }
        });
    }

    private List<Header> headers(Map<String, Member> merged) {
        List<Header> headers = new ArrayList<>();
        for (Member member : merged.values()) {
            if (!HEADER_NAME.matcher(member.key()).matches()) {
                problems.add(member, "header name '" + member.key() + "' is not a valid HTTP header name");
            } else if (typed.string(member.value()) != null) {
                Header header = references.header(member.key(), (ValueNode) member.value());
                if (header != null) {
                    headers.add(header);
                }
            }
        }
        return headers;
    }

    private Map<String, String> labels(Map<String, Member> merged) {
        return names.labels(merged.values(), name -> ProbeConfig.RESERVED_LABELS.contains(name)
                ? "label name '" + name + "' is reserved; Vigil sets it itself"
                : name.startsWith("__") ? "label name '" + name + "' is reserved: names starting with '__' are internal" : null);
    }

    private TlsOptions tls(Layers layers) {
        Layers tls = layers.nested("tls", typed);
        ConfigNode caNode = tls.get("caFile");
        Path caFile = caNode == null || caNode instanceof ValueNode v && v.isNull() ? null : paths.caBundle(caNode, "caFile");
        Boolean insecure = tls.value("insecure", typed::bool, false);
        Integer warn = tls.value("warnDays", n -> typed.integer(n, 0), TlsOptions.DEFAULT_WARN_DAYS);
        Integer crit = tls.value("critDays", n -> typed.integer(n, 0), TlsOptions.DEFAULT_CRIT_DAYS);
        // Reported in the order of the keys (days first), each at the key that set it; a bad value breaks no rule.
        List<TlsOptions.Conflict> conflicts = TlsOptions.conflicts(caFile, Boolean.TRUE.equals(insecure),
                warn == null ? Integer.MAX_VALUE : warn, crit == null ? 0 : crit);
        if (conflicts.contains(TlsOptions.Conflict.WARN_BELOW_CRIT)) {
            problems.add(tls.blame(tls.get("warnDays"), tls.get("critDays")),
                    "warnDays (" + warn + ") must be at least critDays (" + crit + ")");
        }
        if (conflicts.contains(TlsOptions.Conflict.INSECURE_WITH_CA_FILE)) {
            problems.add(tls.blame(tls.get("insecure"), caNode),
                    "insecure and caFile contradict each other: insecure never verifies, so caFile would be ignored");
        }
        return warn == null || crit == null || insecure == null ? null : new TlsOptions(caFile, insecure, warn, crit);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
