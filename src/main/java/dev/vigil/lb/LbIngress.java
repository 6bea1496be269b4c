package dev.vigil.lb;

/**
 * One address a load balancer receives traffic on, as a Kubernetes Service's {@code status.loadBalancer.ingress[]}
 * lists it: an IP address, a DNS name, or both. At least one is set.
 *
 * @param ip       an IPv4 or IPv6 address as text; null when the provider gives only a name (e.g. AWS ELB)
 * @param hostname a DNS name that resolves to the load balancer; null when the provider gives only an address
 */
public record LbIngress(String ip, String hostname) {
    public LbIngress {
        if (ip == null && hostname == null) {
            throw new IllegalArgumentException("an ingress needs an ip or a hostname");
        }
    }
}
