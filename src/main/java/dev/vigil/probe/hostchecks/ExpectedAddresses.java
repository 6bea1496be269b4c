package dev.vigil.probe.hostchecks;

import dev.vigil.dns.AddressAnswer;
import dev.vigil.dns.DnsClient;
import dev.vigil.dns.DnsLookup;
import dev.vigil.lb.KubernetesService;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.lb.LbIngress;
import dev.vigil.lb.LbLookupException;
import dev.vigil.net.DnsSyntax;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds out where a probe's load balancer is, each run: its static addresses, its own DNS name resolved, and a
 * Kubernetes Service's load-balancer ingress, together.
 */
public final class ExpectedAddresses {
    private final DnsClient dns;
    private final KubernetesServiceReader kubernetes;

    public ExpectedAddresses(DnsClient dns, KubernetesServiceReader kubernetes) {
        this.dns = dns;
        this.kubernetes = kubernetes;
    }

    /**
     * The load balancer's addresses as found.
     *
     * @param addresses every address found, as text; empty when none was
     * @param source    where they come from, e.g. {@code expect.addresses} or {@code kubernetes service ingress/traefik};
     *                  null without {@code expect}
     * @param error     why some source could not be read, or null
     */
    public record Found(List<String> addresses, String source, String error) {
        public Found {
            addresses = List.copyOf(addresses);
        }
    }

    /** The addresses of {@code expect} (null: none expected), names resolved at the first of {@code resolvers}. */
    public Found find(ExpectedLb expect, List<InetSocketAddress> resolvers, Duration timeout) {
        if (expect == null) {
            return new Found(List.of(), null, null);
        }
        Set<String> addresses = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!expect.addresses().isEmpty()) {
            addresses.addAll(expect.addresses());
            sources.add("expect.addresses");
        }
        for (String hostname : expect.hostnames()) {
            sources.add("hostname " + hostname);
            resolve(hostname, resolvers, timeout, addresses, errors);
        }
        KubernetesService service = expect.kubernetesService();
        if (service != null) {
            sources.add("kubernetes service " + service.namespace() + "/" + service.name());
            try {
                for (LbIngress ingress : kubernetes.read(service, timeout)) {
                    if (ingress.ip() != null) {
                        String address = address(ingress.ip(), service, errors);
                        if (address != null) {
                            addresses.add(address);
                        }
                    } else {
                        resolve(ingress.hostname(), resolvers, timeout, addresses, errors);
                    }
                }
            } catch (LbLookupException e) {
                errors.add(e.getMessage());
            }
        }
        return new Found(List.copyOf(addresses), String.join(", ", sources), errors.isEmpty() ? null
                : String.join("; ", errors));
    }

    private static String address(String ip, KubernetesService service, List<String> errors) {
        try {
            return DnsSyntax.address(ip);
        } catch (IllegalArgumentException e) {
            errors.add("service " + service.namespace() + "/" + service.name() + " lists '" + ip
                    + "' as its load balancer's ip, which is not an IP address");
            return null;
        }
    }

    private void resolve(String name, List<InetSocketAddress> resolvers, Duration timeout, Set<String> addresses,
            List<String> errors) {
        AddressAnswer answer = DnsLookup.addresses(dns, resolvers.getFirst(), name, timeout);
        if (answer.error() != null) {
            errors.add("the load balancer's name " + name + " does not resolve: " + answer.error());
        } else {
            addresses.addAll(answer.addresses());
        }
    }
}
