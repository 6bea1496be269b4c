package dev.vigil.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings every Kubernetes object Vigil reads shares ({@code expect.kubernetesService}, {@code cert.ingressPods}):
 * Kubernetes names, and how the API server is reached ({@code apiUrl}, {@code tokenFile}, {@code caFile}).
 */
final class KubernetesSettings {
    /** The keys of how the API server is reached. */
    private static final Set<String> ACCESS_KEYS = Set.of("apiUrl", "tokenFile", "caFile");
    // A DNS-1123 label, as Kubernetes requires of namespace and object names.
    private static final Pattern KUBERNETES_NAME = Pattern.compile("(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /**
     * How the API server is reached; null parts for the in-cluster defaults.
     *
     * @param apiUrl    the API server; null for {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}
     * @param tokenFile the bearer token's file; null for the service account's
     * @param caFile    the API server's CA bundle; null for the service account's
     */
    record Access(URI apiUrl, Path tokenFile, Path caFile) {
    }

    /** The keys of an object's settings: {@code own}, and how the API server is reached. */
    static Keys keys(String... own) {
        Set<String> keys = new HashSet<>(ACCESS_KEYS);
        keys.addAll(List.of(own));
        return new Keys(Set.copyOf(keys), Map.of(), Map.of());
    }

    private final Problems problems;
    private final Typed typed;
    private final ConfigPaths paths;

    KubernetesSettings(Problems problems, Typed typed, ConfigPaths paths) {
        this.problems = problems;
        this.typed = typed;
        this.paths = paths;
    }

    /** {@code apiUrl}, {@code tokenFile} and {@code caFile} of {@code object}; null when any was reported. */
    Access access(Layers object) {
        URI apiUrl = object.value("apiUrl", n -> typed.parsed(n,
                text -> Urls.absolute(text, "apiUrl", List.of("https"), "https://k8s.example:6443")), null);
        Path tokenFile = object.value("tokenFile", n -> paths.readable(n, "tokenFile"), null);
        Path caFile = object.value("caFile", n -> paths.caBundle(n, "caFile"), null);
        boolean unread = DnsParser.failed(object, "apiUrl", apiUrl) || DnsParser.failed(object, "tokenFile", tokenFile)
                || DnsParser.failed(object, "caFile", caFile);
        return unread ? null : new Access(apiUrl, tokenFile, caFile);
    }

    /**
     * The required string {@code key} of {@code object}, read by {@code read}; null when absent (reported at
     * {@code at} if {@code complete}) or reported.
     */
    String required(Layers object, ConfigNode at, String key, boolean complete,
            Function<ConfigNode, String> read) {
        ConfigNode node = object.get(key);
        if (node == null) {
            if (complete) {
                problems.add(at, "missing required key '" + key + "'");
            }
            return null;
        }
        return read.apply(node);
    }

    /** The Kubernetes name {@code node} (a namespace, an object's name); null after reporting it. Errors name {@code key}. */
    String name(ConfigNode node, String key) {
        String text = typed.string(node);
        if (text != null && !KUBERNETES_NAME.matcher(text).matches()) {
            problems.add(node, key + " '" + text + "' is not a Kubernetes name: at most 63 lowercase letters, digits"
                    + " and '-', starting and ending with a letter or digit");
            return null;
        }
        return text;
    }
}
