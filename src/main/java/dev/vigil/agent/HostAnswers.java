package dev.vigil.agent;

import dev.vigil.discovery.BalancerChange.HostAnswer;
import dev.vigil.dns.AddressAnswer;
import dev.vigil.dns.DnsClient;
import dev.vigil.dns.DnsLookup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What DNS answers now for a host the load-balancer watch checks. */
final class HostAnswers {
    private HostAnswers() {
    }

    /**
     * Asks each of {@code resolvers} in turn, each within {@code timeout}, for {@code host}'s addresses, CNAMEs
     * followed. The addresses and CNAME targets of every resolver that answered (NOERROR or NXDOMAIN, even without
     * records) are joined, with the longest TTL; when none answered (a timeout, SERVFAIL, REFUSED), the host is
     * {@linkplain HostAnswer#failed failed} with the first resolver's error, never taken as having no old address.
     */
    static HostAnswer ask(DnsClient client, String host, List<InetSocketAddress> resolvers, Duration timeout) {
        Set<String> addresses = new LinkedHashSet<>();
        long ttl = 0;
        boolean answered = false;
        String error = null;
        for (InetSocketAddress resolver : resolvers) {
            AddressAnswer answer = DnsLookup.addresses(client, resolver, host, timeout);
            if (answer.answered()) {
                answered = true;
                addresses.addAll(answer.addresses());
                addresses.addAll(answer.cnames());
                ttl = Math.max(ttl, answer.ttlSeconds());
            } else if (error == null) {
                error = answer.error() != null ? answer.error() : "no answer from " + resolver;
            }
        }
        return answered ? new HostAnswer(host, addresses, Duration.ofSeconds(ttl))
                : HostAnswer.failed(host, error != null ? error : "no resolver to ask");
    }
}
