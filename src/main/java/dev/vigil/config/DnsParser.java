package dev.vigil.config;

import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.lb.KubernetesService;
import dev.vigil.net.DnsSyntax;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a probe's {@code dns} object, merged key by key with the one in {@code defaults} (and so are the objects
 * inside it), into {@link DnsOptions}, reporting every bad value. A {@code dns} object in either layer switches the
 * checks on; without one the probe has none.
 */
final class DnsParser {
    private static final Keys SERVICE = KubernetesSettings.keys("namespace", "name");
    /** The keys of a {@code dns} object and of the objects in it. */
    static final Keys KEYS = new Keys(Set.of("resolvers", "authoritative", "expect", "maxAddresses"), Map.of(), Map.of(
            "expect", new Keys(Set.of("addresses", "hostname", "kubernetesService"), Map.of(), Map.of("kubernetesService", SERVICE))));

    private final Problems problems;
    private final Typed typed;
    private final KubernetesSettings kubernetes;

    DnsParser(Problems problems, Typed typed, KubernetesSettings kubernetes) {
        this.problems = problems;
        this.typed = typed;
        this.kubernetes = kubernetes;
    }

    /**
     * The options of the probe seen through {@code layers}, asking for {@code version}; null when neither layer has
     * a {@code dns} object, or when a value was reported. Keys a probe must end up with (a Kubernetes Service's
     * namespace and name, a source in {@code expect}) are required only of a probe, not of the defaults alone.
     */
    DnsOptions parse(Layers layers, HttpVersion version) {
        if (layers.get("dns") == null) {
            return null;
        }
        boolean ofProbe = layers.probe() != null;
        Layers dns = layers.nested("dns", typed);
        List<InetSocketAddress> resolvers = dns.value("resolvers", n -> strings(n, DnsSyntax::resolver), List.of());
        if (version == HttpVersion.HTTP_2 && resolvers != null && !resolvers.isEmpty()) {
            problems.add(layers.blame(layers.get("httpVersion"), dns.get("resolvers")), "HTTP/2 probes cannot be pinned"
                    + " to an address, and dns.resolvers pin connections to the addresses they return; pinned probes speak HTTP/1.1");
        }
        Boolean authoritative = dns.value("authoritative", typed::bool, true);
        Integer maxAddresses = dns.value("maxAddresses", this::maxAddresses, DnsOptions.DEFAULT_MAX_ADDRESSES);
        ConfigNode expectNode = dns.get("expect");
        ExpectedLb expect = expectNode == null ? null : expect(dns.nested("expect", typed), expectNode, ofProbe);
        if (resolvers == null || authoritative == null || maxAddresses == null || expectNode != null && expect == null) {
            return null;
        }
        return new DnsOptions(resolvers, authoritative, expect, maxAddresses);
    }

    /** How many addresses a run may probe: each is a connection, every run. */
    private Integer maxAddresses(ConfigNode node) {
        Integer value = typed.integer(node, 1);
        if (value != null && value > DnsOptions.MAX_ADDRESSES_LIMIT) {
            problems.add(node, "must be at most " + DnsOptions.MAX_ADDRESSES_LIMIT + ", got " + value
                    + ": each address is probed with a connection of its own on every run");
            return null;
        }
        return value;
    }

    private ExpectedLb expect(Layers expect, ConfigNode at, boolean ofProbe) {
        List<String> addresses = expect.value("addresses", n -> strings(n, DnsSyntax::address), List.of());
        String hostname = expect.value("hostname", n -> typed.parsed(n, DnsSyntax::dnsName), null);
        ConfigNode serviceNode = expect.get("kubernetesService");
        KubernetesService service = serviceNode == null ? null : kubernetesService(
                expect.nested("kubernetesService", typed), serviceNode, ofProbe && serviceNode instanceof ObjectNode);
        boolean unread = addresses == null || failed(expect, "hostname", hostname) || failed(expect, "kubernetesService", service);
        return unread || !ofProbe ? null : typed.attempt(at, () -> new ExpectedLb(addresses, hostname, service));
    }

    /** The Service; {@code complete} when a missing namespace or name is an error to report at {@code at}. */
    private KubernetesService kubernetesService(Layers service, ConfigNode at, boolean complete) {
        String namespace = kubernetes.required(service, at, "namespace", complete, n -> kubernetes.name(n, "namespace"));
        String name = kubernetes.required(service, at, "name", complete, n -> kubernetes.name(n, "name"));
        KubernetesSettings.Access access = kubernetes.access(service);
        return namespace == null || name == null || access == null ? null
                : new KubernetesService(namespace, name, access.apiUrl(), access.tokenFile(), access.caFile());
    }

    /** Every item of the array {@code node} parsed from its string; null when any was reported. */
    private <T> List<T> strings(ConfigNode node, Function<String, T> parse) {
        return typed.list(typed.array(node), item -> typed.parsed(item, parse));
    }

    /** True when {@code key} is set but its value, read as {@code value}, was reported. */
    static boolean failed(Layers layers, String key, Object value) {
        return value == null && layers.get(key) != null;
    }
}
