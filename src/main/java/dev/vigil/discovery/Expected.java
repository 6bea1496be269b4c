package dev.vigil.discovery;

import dev.vigil.config.ProbeConfig;
import dev.vigil.lb.LbIngress;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.HttpSpec;
import java.util.List;
import java.util.Objects;

/**
 * Gives a discovered probe's DNS check the load-balancer addresses the cluster says its host is served on, so that
 * a discovered probe checks DNS as a configured one with {@code dns.expect} does. The object's addresses win over a
 * template's {@code dns.expect}; a template's other DNS settings (resolvers, authoritative, maxAddresses) stay.
 */
final class Expected {
    private Expected() {
    }

    /**
     * {@code probe} expecting {@code addresses}: their IPs and their names (each resolved on every run, as
     * {@code dns.expect.hostname} is), each once; {@code probe} itself when there are none or it is no HTTP probe.
     */
    static ProbeConfig expecting(ProbeConfig probe, List<LbIngress> addresses) {
        if (addresses.isEmpty() || !(probe.spec() instanceof HttpSpec http)) {
            return probe;
        }
        List<String> ips = addresses.stream().map(LbIngress::ip).filter(Objects::nonNull).distinct().toList();
        List<String> hostnames = addresses.stream().map(LbIngress::hostname).filter(Objects::nonNull).distinct()
                .toList();
        ExpectedLb expect = hostnames.isEmpty() ? new ExpectedLb(ips, null, null)
                : new ExpectedLb(ips, hostnames.getFirst(), null, hostnames.subList(1, hostnames.size()));
        DnsOptions own = http.dns();
        DnsOptions dns = own == null ? new DnsOptions(List.of(), true, expect)
                : new DnsOptions(own.resolvers(), own.authoritative(), expect, own.maxAddresses());
        HttpSpec spec = new HttpSpec(http.url(), http.method(), http.headers(), http.timeout(), http.expect(),
                http.tls(), http.maxBodyBytes(), http.resolve(), http.ipFamily(), http.httpVersion(), dns);
        return new ProbeConfig(probe.name(), probe.interval(), probe.labels(), spec, probe.cert());
    }
}
