package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoverySource;
import dev.vigil.lb.LbIngress;
import dev.vigil.net.DnsSyntax;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts of a Gateway API {@code HTTPRoute}: each {@code spec.hostnames[]}, expected at the
 * {@code status.addresses} of its parent Gateways ({@code spec.parentRefs[]}), https when a parent has an HTTPS
 * listener for the host.
 */
final class HttpRouteReader {
    /** A Kubernetes namespace's name: an RFC 1123 label. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private HttpRouteReader() {
    }

    /** @param gateways the Gateways known, by {@code namespace/name} */
    static Found read(JsonNode route, Map<String, JsonNode> gateways) {
        ObjectRef source = ObjectRef.of(DiscoverySource.Kind.HTTP_ROUTE, route);
        List<String> hosts = new ArrayList<>();
        route.path("spec").path("hostnames").forEach(host -> hosts.add(host.asText()));
        if (hosts.isEmpty()) {
            return new Found(List.of(), List.of(new Skipped(source, null,
                    List.of("spec.hostnames is empty: the route takes its Gateway's hosts, none of them one to probe"))));
        }
        List<JsonNode> parents = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode ref : gatewayRefs(route)) {
            String key = namespace(ref, source.namespace()) + "/" + ref.path("name").asText("");
            JsonNode gateway = gateways.get(key);
            if (gateway == null) {
                missing.add(key);
            } else {
                parents.add(gateway);
            }
        }
        Set<LbIngress> expected = new LinkedHashSet<>();
        parents.forEach(gateway -> expected.addAll(addresses(gateway)));
        Found found = Hosts.routes(source, hosts, host -> parents.stream().anyMatch(g -> servesHttps(g, host)),
                List.copyOf(expected), Hosts.annotations(route));
        if (!missing.isEmpty() && !found.routes().isEmpty()) {
            // Still probed: only the expected addresses are unknown until the Gateway shows up.
            return found.and(new Found(List.of(), List.of(new Skipped(source, null, List.of("parent Gateway "
                    + String.join(", ", missing) + " is not known: its hosts are probed without expected addresses")))));
        }
        return found;
    }

    /** The {@code spec.parentRefs[]} that name a Gateway (the default kind). */
    private static List<JsonNode> gatewayRefs(JsonNode route) {
        List<JsonNode> refs = new ArrayList<>();
        for (JsonNode ref : route.path("spec").path("parentRefs")) {
            if (ref.path("kind").asText("Gateway").equals("Gateway")) {
                refs.add(ref);
            }
        }
        return refs;
    }

    /** A parentRef's namespace: its own {@code namespace}, else the route's. */
    private static String namespace(JsonNode ref, String routeNamespace) {
        String namespace = Hosts.text(ref, "namespace");
        return namespace == null ? routeNamespace : namespace;
    }

    /**
     * The namespaces of the Gateways the route's {@code parentRefs} name, at most {@link Hosts#MAX_HOSTS}; a name no
     * namespace could have (it would be asked for in a URL) is left out, and its Gateway stays unknown.
     */
    static Set<String> gatewayNamespaces(JsonNode route) {
        String own = route.path("metadata").path("namespace").asText("");
        Set<String> namespaces = new LinkedHashSet<>();
        for (JsonNode ref : gatewayRefs(route)) {
            String namespace = namespace(ref, own);
            if (namespaces.size() < Hosts.MAX_HOSTS && NAMESPACE.matcher(namespace).matches()) {
                namespaces.add(namespace);
            }
        }
        return namespaces;
    }

    /** The Gateway's {@code status.addresses}: IP addresses and host names. */
    static List<LbIngress> addresses(JsonNode gateway) {
        List<LbIngress> addresses = new ArrayList<>();
        for (JsonNode address : gateway.path("status").path("addresses")) {
            String value = Hosts.text(address, "value");
            if (value == null) {
                continue;
            }
            String type = address.path("type").asText("IPAddress");
            if (type.equals("Hostname")) {
                addresses.add(new LbIngress(null, value));
            } else {
                try {
                    addresses.add(new LbIngress(DnsSyntax.address(value), null));
                } catch (IllegalArgumentException e) {
                    // Neither a name nor an address (a NamedAddress type, say): nothing DNS could be compared with.
                }
            }
        }
        return addresses;
    }

    private static boolean servesHttps(JsonNode gateway, String host) {
        for (JsonNode listener : gateway.path("spec").path("listeners")) {
            String hostname = Hosts.text(listener, "hostname");
            if (listener.path("protocol").asText("").equals("HTTPS") && (hostname == null || matches(hostname, host))) {
                return true;
            }
        }
        return false;
    }

    /** A listener's hostname, perhaps {@code *.example.com}, takes {@code host}. */
    static boolean matches(String hostname, String host) {
        String pattern = Hosts.normal(hostname);
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : pattern.equals(host);
    }
}
