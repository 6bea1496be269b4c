package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.lb.LbIngress;
import dev.vigil.net.DnsSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** What every kind of route object shares: its annotations, its host names, its load-balancer addresses. */
final class Hosts {
    /** Hosts listed per object; far above any real route, it bounds what a hostile object costs. */
    static final int MAX_HOSTS = 100;

    private Hosts() {
    }

    /** The object's annotations, text values only. */
    static Map<String, String> annotations(JsonNode object) {
        Map<String, String> annotations = new LinkedHashMap<>();
        object.path("metadata").path("annotations").properties().forEach(entry -> {
            if (entry.getValue().isTextual()) {
                annotations.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return annotations;
    }

    /** Why {@code host} cannot be probed, or null when it can. */
    static String problem(String host) {
        if (host.startsWith("*.")) {
            return "the wildcard host " + host + " names no one host to probe";
        }
        if (!DnsSyntax.isDnsName(host)) {
            return "'" + host + "' is not a DNS name";
        }
        return null;
    }

    /** {@code host} in lower case, as routes compare it. */
    static String normal(String host) {
        return host.strip().toLowerCase(Locale.ROOT);
    }

    /** The entries of a {@code status.loadBalancer.ingress} list, e.g. an Ingress's or a Service's. */
    static List<LbIngress> loadBalancer(JsonNode status) {
        List<LbIngress> addresses = new ArrayList<>();
        for (JsonNode entry : status.path("loadBalancer").path("ingress")) {
            String ip = text(entry, "ip");
            String hostname = text(entry, "hostname");
            if (ip != null || hostname != null) {
                addresses.add(new LbIngress(ip, hostname));
            }
        }
        return addresses;
    }

    /** A non-blank text field, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /**
     * The routes of {@code hosts} (in order, each once, at most {@link #MAX_HOSTS}), the hosts that cannot be probed
     * skipped with why.
     */
    static Found routes(ObjectRef source, List<String> hosts, Predicate<String> https,
            List<LbIngress> expected, Map<String, String> annotations) {
        List<Route> routes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> distinct = hosts.stream().map(Hosts::normal).distinct().toList();
        for (String host : distinct.subList(0, Math.min(distinct.size(), MAX_HOSTS))) {
            String problem = problem(host);
            if (problem != null) {
                skipped.add(new Skipped(source, host, List.of(problem)));
            } else {
                routes.add(new Route(source, host, https.test(host), expected, annotations));
            }
        }
        if (distinct.size() > MAX_HOSTS) {
            skipped.add(new Skipped(source, null, List.of("it lists " + distinct.size() + " hosts; only the first "
                    + MAX_HOSTS + " are probed")));
        }
        return new Found(routes, skipped);
    }
}
