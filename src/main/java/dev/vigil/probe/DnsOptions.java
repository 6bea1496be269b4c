package dev.vigil.probe;

import dev.vigil.lb.KubernetesService;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe's DNS and load-balancer checks: which resolvers to ask, whether to ask the zone's authoritative servers too,
 * and where the load balancer is.
 *
 * @param resolvers     recursive resolvers to ask; empty for those of {@code /etc/resolv.conf}. When not empty, the
 *                      probe's own connections also go to the addresses these return.
 * @param authoritative also ask the zone's authoritative name servers (found through NS/SOA)
 * @param expect        where the load balancer is; null to only check that the name resolves
 * @param maxAddresses  the most addresses probed in one run, load-balancer addresses first; the others DNS returned
 *                      are counted, not probed, so an answer of thousands of records cannot become thousands of
 *                      connections
 */
public record DnsOptions(List<InetSocketAddress> resolvers, boolean authoritative, ExpectedLb expect,
        int maxAddresses) {
    /** How many addresses a run probes unless told otherwise. */
    public static final int DEFAULT_MAX_ADDRESSES = 16;
    /** The most {@code maxAddresses} may be: each address is a connection, on every run. */
    public static final int MAX_ADDRESSES_LIMIT = 256;

    public DnsOptions {
        resolvers = List.copyOf(resolvers);
        String problem = maxAddressesProblem(maxAddresses);
        if (problem != null) {
            throw new IllegalArgumentException("maxAddresses " + problem);
        }
    }

    /** What is wrong with {@code maxAddresses}, for its setting's name to precede; null when nothing is. */
    public static String maxAddressesProblem(int maxAddresses) {
        return maxAddresses < 1 || maxAddresses > MAX_ADDRESSES_LIMIT
                ? "must be between 1 and " + MAX_ADDRESSES_LIMIT + ", not " + maxAddresses : null;
    }

    /** Options probing at most {@value #DEFAULT_MAX_ADDRESSES} addresses a run. */
    public DnsOptions(List<InetSocketAddress> resolvers, boolean authoritative, ExpectedLb expect) {
        this(resolvers, authoritative, expect, DEFAULT_MAX_ADDRESSES);
    }

    /**
     * Where the load balancer is: any of a static list, its own DNS names, and a Kubernetes Service. Addresses from
     * every source given count as expected.
     *
     * @param addresses         IP addresses as text
     * @param hostname          the load balancer's DNS name, resolved each run; null when not given
     * @param kubernetesService a Service of type LoadBalancer whose ingress addresses are read; null when not given
     * @param moreHostnames     further names of the load balancer, resolved each run as {@code hostname} is (a
     *                          discovered object's status may list several); empty unless {@code hostname} is given
     */
    public record ExpectedLb(List<String> addresses, String hostname, KubernetesService kubernetesService,
            List<String> moreHostnames) {
        public ExpectedLb {
            addresses = List.copyOf(addresses);
            moreHostnames = List.copyOf(moreHostnames);
            if (addresses.isEmpty() && hostname == null && kubernetesService == null) {
                throw new IllegalArgumentException("expect needs addresses, a hostname or a kubernetesService");
            }
            if (hostname == null && !moreHostnames.isEmpty()) {
                throw new IllegalArgumentException("moreHostnames need a hostname first");
            }
        }

        /** A load balancer with at most one DNS name, as {@code dns.expect} and {@code vigil probe} give one. */
        public ExpectedLb(List<String> addresses, String hostname, KubernetesService kubernetesService) {
            this(addresses, hostname, kubernetesService, List.of());
        }

        /** {@code hostname}, then {@code moreHostnames}; empty without a hostname. */
        public List<String> hostnames() {
            if (hostname == null) {
                return List.of();
            }
            List<String> all = new ArrayList<>(List.of(hostname));
            all.addAll(moreHostnames);
            return all;
        }
    }
}
