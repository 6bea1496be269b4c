package dev.vigil.config;

import dev.vigil.cert.CertSettings;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Regex;
import dev.vigil.probe.StatusRange;
import dev.vigil.probe.TlsOptions;
import dev.vigil.text.ByteSizes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns one probe object, seen through the defaults, into a {@link ProbeConfig}, reporting every bad value. */
final class ProbeParser {
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z_-]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Problems problems;
    private final Typed typed;
    private final CertParser certs;
    private final DnsParser dns;
    private final ConfigPaths paths;
    private final References references;
    private final Names names;

    ProbeParser(Problems problems, References references, Path baseDir) {
        this.problems = problems;
        this.typed = new Typed(problems);
        this.certs = new CertParser(problems, typed);
        this.paths = new ConfigPaths(problems, typed, baseDir);
        this.dns = new DnsParser(problems, typed, paths);
        this.references = references;
        this.names = new Names(problems, typed);
    }

    /** The probe, or null when anything in it (or anywhere before it) was reported. */
    ProbeConfig parse(ObjectNode defaults, ObjectNode probe, String name) {
        return build(new Layers(defaults, probe), name, url(probe));
    }

    /** Reports every bad value in {@code defaults}, including ones each probe overrides. */
    void validateDefaults(ObjectNode defaults) {
        build(new Layers(defaults, null), null, null);
    }

    private ProbeConfig build(Layers layers, String name, URI url) {
        Duration interval = layers.value("interval", typed::duration, ProbeConfig.DEFAULT_INTERVAL);
        Duration timeout = layers.value("timeout", typed::duration, ProbeSpec.DEFAULT_TIMEOUT);
        layers.checkTimeout(interval, timeout, problems);
        String method = layers.value("method", this::method, "GET");
        List<Header> headers = headers(layers.merged("headers", s -> s.toLowerCase(Locale.ROOT), typed));
        List<StatusRange> statuses = layers.value("expectStatus", this::statuses, List.of());
        List<Regex> mustMatch = layers.value("expectBodyMatches", this::regexes, List.of());
        List<Regex> mustNotMatch = layers.value("failIfBodyMatches", this::regexes, List.of());
        Boolean follow = layers.value("followRedirects", typed::bool, true);
        Boolean httpsRedirect = layers.value("expectHttpsRedirect", typed::bool, false);
        if (Boolean.TRUE.equals(httpsRedirect) && url != null && !"http".equalsIgnoreCase(url.getScheme())) {
            problems.add(layers.get("expectHttpsRedirect"), "expectHttpsRedirect needs an http:// URL, but url is '" + url + "'");
        }
        Long maxBody = layers.value("maxBodySize", this::bodyLimit, ProbeSpec.DEFAULT_MAX_BODY_BYTES);
        IpFamily family = layers.value("ipFamily", n -> typed.choice(n, "ipFamily", IpFamily.values()), IpFamily.ANY);
        HttpVersion version = layers.value("httpVersion", n -> typed.parsed(n, HttpVersion::parse), HttpVersion.HTTP_1_1);
        TlsOptions tls = tls(layers);
        Map<String, String> labels = labels(layers.merged("labels", UnaryOperator.identity(), typed));
        CertSettings cert = certs.parse(layers);
        DnsOptions dnsOptions = dns.parse(layers, version);
        if (!problems.isEmpty() || name == null || url == null) {
            return null;
        }
        HttpExpectations expect = new HttpExpectations(statuses, mustMatch, mustNotMatch, follow, httpsRedirect);
        try {
            return new ProbeConfig(name, interval, labels,
                    new ProbeSpec(url, method, headers, timeout, expect, tls, maxBody, List.of(), family, version, dnsOptions), cert);
        } catch (IllegalArgumentException e) {
            // A rule of the probe as a whole (e.g. HTTP/2 with a pinned IP family), not of one key.
            problems.add(Objects.requireNonNullElse(layers.blame(layers.get("httpVersion"), layers.get("ipFamily")), layers.get("url")), e.getMessage());
            return null;
        }
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
            String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null) {
                problem = "is not absolute; write e.g. https://host/path";
            } else if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "must use http or https, not " + url.getScheme();
            } else if (url.getHost() == null) {
                problem = "has no host";
            } else if (url.getRawUserInfo() != null) {
                // Never quote this URL: its user info is a credential.
                problems.add(node, "url must not contain credentials (user:password@); send an Authorization header"
                        + " whose value references a secret, e.g. \"Bearer ${TOKEN}\"");
                return null;
            } else {
                return url;
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
        if (warn != null && crit != null && warn < crit) {
            problems.add(tls.blame(tls.get("warnDays"), tls.get("critDays")),
                    "warnDays (" + warn + ") must be at least critDays (" + crit + ")");
        }
        if (Boolean.TRUE.equals(insecure) && caFile != null) {
            problems.add(tls.blame(tls.get("insecure"), caNode),
                    "insecure and caFile contradict each other: insecure never verifies, so caFile would be ignored");
        }
        return warn == null || crit == null || insecure == null ? null : new TlsOptions(caFile, insecure, warn, crit);
    }
}
