package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoverySource;
import dev.vigil.lb.LbIngress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts of a Traefik {@code traefik.io/v1alpha1} IngressRoute: those its {@code spec.routes[].match} rules name
 * in {@code Host(...)} matchers, https when it has {@code spec.tls}, expected at the addresses of the Traefik
 * Service's load balancer, which the object does not name (the config does).
 */
final class TraefikRouteReader {
    /** {@code Host(`a.example`, `b.example`)}; not {@code HostRegexp} nor {@code HostSNI}, which name no one host. */
    private static final Pattern HOST = Pattern.compile("(?<![A-Za-z])Host\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("[`\"]([^`\"]*)[`\"]");
    /** A match rule longer than this is not read: a real one is a line. */
    static final int MAX_MATCH_CHARS = 4096;

    private TraefikRouteReader() {
    }

    /** @param loadBalancer the Traefik Service's load-balancer addresses; empty when unknown */
    static Found read(JsonNode route, List<LbIngress> loadBalancer) {
        ObjectRef source = ObjectRef.of(DiscoverySource.Kind.INGRESS_ROUTE, route);
        List<String> hosts = new ArrayList<>();
        for (JsonNode rule : route.path("spec").path("routes")) {
            String match = rule.path("match").asText("");
            hosts.addAll(hosts(match.length() > MAX_MATCH_CHARS ? match.substring(0, MAX_MATCH_CHARS) : match));
        }
        if (hosts.isEmpty()) {
            return new Found(List.of(), List.of(new Skipped(source, null,
                    List.of("no spec.routes[].match names a host with Host(`...`)"))));
        }
        boolean tls = route.path("spec").path("tls").isObject();
        return Hosts.routes(source, hosts, host -> tls, loadBalancer, Hosts.annotations(route));
    }

    /** The hosts of the {@code Host(...)} matchers of one match rule, in order. */
    static List<String> hosts(String match) {
        List<String> hosts = new ArrayList<>();
        Matcher matcher = HOST.matcher(match);
        while (matcher.find()) {
            Matcher quoted = QUOTED.matcher(matcher.group(1));
            while (quoted.find()) {
                hosts.add(quoted.group(1));
            }
        }
        return hosts;
    }
}
