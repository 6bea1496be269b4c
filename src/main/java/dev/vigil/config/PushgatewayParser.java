package dev.vigil.config;

import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.output.Secret;
import dev.vigil.output.pushgateway.Compression;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns {@code outputs.pushgateway} into {@link PushgatewaySettings}, reporting every bad value. Its password and
 * bearer token are secrets: written literally or as references, and never quoted.
 */
final class PushgatewayParser {
    /** The keys of a {@code pushgateway} object and of the object in it. */
    static final Keys KEYS = new Keys(Set.of("url", "job", "groupingLabels", "interval", "timeout", "basicAuth",
            "bearerToken", "deleteOnShutdown", "compression"), Map.of(), Map.of("basicAuth", new Keys(Set.of("username", "password"), Map.of(), Map.of())));

    private final Problems problems;
    private final Typed typed;
    private final Names names;
    private final References references;
    private final Supplier<String> hostName;

    PushgatewayParser(Problems problems, Typed typed, References references, Supplier<String> hostName) {
        this.problems = problems;
        this.typed = typed;
        this.names = new Names(problems, typed);
        this.references = references;
        this.hostName = hostName;
    }

    /** The settings {@code pushgateway} holds; null when anything (in it or elsewhere) was reported. */
    PushgatewaySettings parse(ObjectNode pushgateway) {
        Layers layers = Layers.of(pushgateway);
        ConfigNode urlNode = typed.required(pushgateway, "url");
        URI url = urlNode == null ? null : typed.parsed(urlNode, PushgatewayParser::url);
        String job = layers.value("job", this::job, PushgatewaySettings.DEFAULT_JOB);
        ConfigNode groupingNode = pushgateway.get("groupingLabels");
        Map<String, String> grouping = groupingNode == null ? Map.of("instance", hostName.get()) : grouping(groupingNode);
        Duration interval = layers.value("interval", typed::duration, PushgatewaySettings.DEFAULT_INTERVAL);
        Duration timeout = layers.value("timeout", typed::duration, PushgatewaySettings.DEFAULT_TIMEOUT);
        layers.checkTimeout(interval, timeout, problems);
        Secret authorization = authorization(pushgateway);
        Boolean deleteOnShutdown = layers.value("deleteOnShutdown", typed::bool, false);
        Compression compression = layers.value("compression", n -> typed.choice(n, "compression", Compression.values()),
                Compression.GZIP);
        return problems.isEmpty()
                ? new PushgatewaySettings(url, job, grouping, interval, timeout, authorization, deleteOnShutdown,
                        compression) : null;
    }

    /** The Pushgateway's base URL: the pusher appends the job and grouping labels to its path. */
    private static URI url(String text) {
        URI url = Urls.absolute(text, "url", List.of("http", "https"), "http://pushgateway:9091");
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("url must not have a query or fragment: the job and groupingLabels make up the rest");
        }
        return url;
    }

    /** Any text but the empty one: it is a label value, which the group's URL encodes as need be. */
    private String job(ConfigNode node) {
        String job = typed.string(node);
        if (job != null && job.isEmpty()) {
            problems.add(node, "job must not be empty");
            return null;
        }
        return job;
    }

    private Map<String, String> grouping(ConfigNode node) {
        ObjectNode labels = typed.object(node);
        return labels == null ? null : names.labels(labels.members(),
                name -> name.equals("job") ? "grouping label 'job' is set by the key job, not here" : null);
    }

    /** The Authorization header value from basicAuth or bearerToken; null for none, or after reporting it. */
    private Secret authorization(ObjectNode pushgateway) {
        ConfigNode basicAuth = pushgateway.get("basicAuth");
        ConfigNode bearerToken = pushgateway.get("bearerToken");
        if (basicAuth != null && bearerToken != null) {
            problems.add(pushgateway.member("bearerToken"),
                    "basicAuth and bearerToken exclude each other: the Pushgateway gets one Authorization header");
            return null;
        }
        if (bearerToken != null) {
            Secret token = references.secret(bearerToken, "bearerToken");
            return token == null ? null : new Secret("Bearer " + token.reveal());
        }
        ObjectNode credentials = basicAuth == null ? null : typed.object(basicAuth);
        return credentials == null ? null : basic(credentials);
    }

    private Secret basic(ObjectNode credentials) {
        ConfigNode usernameNode = typed.required(credentials, "username");
        String username = usernameNode == null ? null : typed.string(usernameNode);
        if (username != null && (username.contains(":") || username.chars().anyMatch(Character::isISOControl))) {
            problems.add(usernameNode, "username must not contain ':' nor control characters");
            return null;
        }
        ConfigNode passwordNode = typed.required(credentials, "password");
        Secret password = passwordNode == null ? null : references.secret(passwordNode, "password");
        if (username == null || password == null) {
            return null;
        }
        byte[] pair = (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8);
        return new Secret("Basic " + Base64.getEncoder().encodeToString(pair));
    }
}
