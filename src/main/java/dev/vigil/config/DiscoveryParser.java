package dev.vigil.config;

import dev.vigil.config.ConfigNode.ArrayNode;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the top-level {@code discovery} object: how the API server is reached ({@code apiUrl}, {@code tokenFile},
 * {@code caFile}) and {@code sources}, each a kind of object with the namespaces, label selector and opt-in that
 * choose its objects, and the probe template their hosts start from (the keys of a probe, through {@code defaults},
 * less its name and URL, which each host gets).
 */
final class DiscoveryParser {
    /** The keys of one source and of its template. */
    private static final Keys SOURCE_KEYS = new Keys(
            Set.of("kind", "namespaces", "labelSelector", "optIn", "loadBalancerService", "template"), Map.of(),
            Map.of("template", ProbeParser.KEYS.refusing(Map.of(
                    "name", "'name' is not allowed in a template: each discovered host is named after its object",
                    "url", "'url' is not allowed in a template: each discovered host gets its own",
                    "starttls", "'starttls' is not allowed in a template: discovered probes are http(s)"))));
    /** The keys of the {@code discovery} object. */
    static final Keys KEYS = KubernetesSettings.keys("sources");
    /** A label selector is a short expression; far more is no selector. */
    private static final int MAX_SELECTOR_CHARS = 1024;
    private static final URI PLACEHOLDER = URI.create("http://target/");

    private final Problems problems;
    private final Typed typed;
    private final KubernetesSettings kubernetes;
    private final ProbeParser probes;
    private final Path file;
    private final Function<String, String> environment;

    DiscoveryParser(Problems problems, ProbeParser probes, Path file, Function<String, String> environment) {
        this.problems = problems;
        this.typed = new Typed(problems);
        this.kubernetes = new KubernetesSettings(problems, typed,
                new ConfigPaths(problems, typed, file.toAbsolutePath().getParent()));
        this.probes = probes;
        this.file = file;
        this.environment = environment;
    }

    /** The section; {@link DiscoveryConfig#NONE} when anything in it was reported. */
    DiscoveryConfig parse(ObjectNode defaults, ConfigNode node) {
        ObjectNode discovery = typed.object(node);
        if (discovery == null) {
            return DiscoveryConfig.NONE;
        }
        KEYS.check(discovery, problems);
        KubernetesSettings.Access access = kubernetes.access(Layers.of(discovery));
        ConfigNode sourcesNode = typed.required(discovery, "sources");
        ArrayNode array = sourcesNode == null ? null : typed.array(sourcesNode);
        if (array != null && array.items().isEmpty()) {
            problems.add(array, "sources must list at least one source");
        }
        List<DiscoverySource> sources = new ArrayList<>();
        for (ConfigNode item : array == null ? List.<ConfigNode>of() : array.items()) {
            ObjectNode source = typed.object(item);
            DiscoverySource read = source == null ? null : source(defaults, source);
            if (read != null) {
                sources.add(read);
            }
        }
        boolean whole = access != null && array != null && sources.size() == array.items().size();
        return whole ? new DiscoveryConfig(access.apiUrl(), access.tokenFile(), access.caFile(), sources)
                : DiscoveryConfig.NONE;
    }

    private DiscoverySource source(ObjectNode defaults, ObjectNode source) {
        SOURCE_KEYS.check(source, problems);
        ConfigNode kindNode = typed.required(source, "kind");
        DiscoverySource.Kind kind = kindNode == null ? null : kind(kindNode);
        Layers own = Layers.of(source);
        List<String> namespaces = own.value("namespaces",
                n -> typed.list(typed.array(n), item -> kubernetes.name(item, "namespace")), List.of());
        String selector = own.value("labelSelector", this::selector, null);
        Boolean optIn = own.value("optIn", typed::bool, false);
        DiscoverySource.ServiceRef service = own.value("loadBalancerService", this::service, null);
        if (service != null && kind != null && kind != DiscoverySource.Kind.INGRESS_ROUTE) {
            problems.add(source.get("loadBalancerService"), "loadBalancerService applies to kind ingressroute only:"
                    + " an " + kind.id() + " names its load balancer in its own status");
        }
        ConfigNode templateNode = source.get("template");
        ObjectNode template = templateNode == null
                ? new ObjectNode(source.place().child("template"), source.line(), source.column(), List.of())
                : typed.object(templateNode);
        boolean valid = template != null
                && probes.parseModule(defaults, template, "discovery", PLACEHOLDER) != null;
        if (!valid || kind == null || namespaces == null || optIn == null
                || source.get("labelSelector") != null && selector == null
                || source.get("loadBalancerService") != null && service == null) {
            return null;
        }
        return new DiscoverySource(source.path(), kind, namespaces, selector, optIn, service,
                new ProbeTemplate(file, defaults, template, environment));
    }

    private DiscoverySource.Kind kind(ConfigNode node) {
        String text = typed.string(node);
        if (text == null) {
            return null;
        }
        for (DiscoverySource.Kind kind : DiscoverySource.Kind.values()) {
            if (kind.id().equals(text)) {
                return kind;
            }
        }
        problems.add(node, "kind must be one of " + Arrays.stream(DiscoverySource.Kind.values())
                .map(DiscoverySource.Kind::id).collect(Collectors.joining(", ")) + "; got '" + text + "'");
        return null;
    }

    private String selector(ConfigNode node) {
        String text = typed.string(node);
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.length() > MAX_SELECTOR_CHARS || text.chars().anyMatch(Character::isISOControl)) {
            problems.add(node, "labelSelector must be a Kubernetes label selector such as 'team=shop,tier!=canary'"
                    + " of at most " + MAX_SELECTOR_CHARS + " characters");
            return null;
        }
        return text.strip();
    }

    private DiscoverySource.ServiceRef service(ConfigNode node) {
        String text = typed.string(node);
        if (text == null) {
            return null;
        }
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            problems.add(node, "loadBalancerService '" + text + "' must be NAMESPACE/NAME, e.g. kube-system/traefik");
            return null;
        }
        ValueNode whole = (ValueNode) node; // a string, since typed.string read it
        String namespace = kubernetes.name(part(whole, parts[0]), "namespace");
        String name = kubernetes.name(part(whole, parts[1]), "name");
        return namespace == null || name == null ? null : new DiscoverySource.ServiceRef(namespace, name);
    }

    /** A part of {@code whole}'s text, located where {@code whole} is. */
    private static ValueNode part(ValueNode whole, String text) {
        return new ValueNode(whole.place(), whole.line(), whole.column(), JsonToken.VALUE_STRING, text);
    }
}
