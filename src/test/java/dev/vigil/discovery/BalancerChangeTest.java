package dev.vigil.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.discovery.BalancerChange.HostAnswer;
import dev.vigil.discovery.BalancerChange.Judgement;
import dev.vigil.lb.LbIngress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The load-balancer watch's judgement: old and new address, the hosts still on the old one, the TTL sentence. */
class BalancerChangeTest {
    private static final Instant AT = Instant.parse("2026-12-02T14:00:00Z");
    private static final LbIngress OLD = new LbIngress("203.0.113.7", null);
    private static final LbIngress NEW = new LbIngress("198.51.100.9", null);
    private static final Duration HOUR = Duration.ofHours(1);

    private static HostAnswer host(String name, String address, Duration ttl) {
        return new HostAnswer(name, Set.of(address), ttl);
    }

    static Stream<Arguments> changes() {
        List<HostAnswer> three = List.of(host("www.example.com", "203.0.113.7", Duration.ofMinutes(5)),
                host("api.example.com", "203.0.113.7", HOUR), host("shop.example.com", "203.0.113.7", HOUR),
                host("new.example.com", "198.51.100.9", HOUR));
        return Stream.of(
                Arguments.of("the same address", List.of(OLD), List.of(OLD), three, new Judgement.Unchanged()),
                Arguments.of("first sight", List.of(), List.of(NEW), three, new Judgement.Unchanged()),
                Arguments.of("an address added", List.of(OLD), List.of(OLD, NEW), three, new Judgement.Unchanged()),
                Arguments.of("no address yet after the change", List.of(OLD), List.of(), three, new Judgement.Unchanged()),
                Arguments.of("moved, three hosts stale", List.of(OLD), List.of(NEW), three, new Judgement.Moved(
                        "load balancer of kube-system/traefik changed from 203.0.113.7 to 198.51.100.9 at 2026-12-02"
                                + " 14:00 UTC; 3 hosts still resolve to 203.0.113.7 (api.example.com, shop.example.com,"
                                + " www.example.com); records have TTL 1h, so clients keep the old address for up to"
                                + " 1h after the records are fixed",
                        List.of("api.example.com", "shop.example.com", "www.example.com"), List.of())),
                Arguments.of("moved, more hosts than named", List.of(OLD), List.of(NEW), Stream.of("a", "b", "c", "d", "e")
                        .map(h -> host(h + ".example.com", "203.0.113.7", Duration.ofMinutes(5))).toList(),
                        new Judgement.Moved("load balancer of kube-system/traefik changed from 203.0.113.7 to"
                                + " 198.51.100.9 at 2026-12-02 14:00 UTC; 5 hosts still resolve to 203.0.113.7"
                                + " (a.example.com, b.example.com, c.example.com, … 2 more); records have TTL 5m, so"
                                + " clients keep the old address for up to 5m after the records are fixed",
                                List.of("a.example.com", "b.example.com", "c.example.com", "d.example.com",
                                        "e.example.com"), List.of())),
                Arguments.of("moved, DNS already follows", List.of(OLD), List.of(NEW),
                        List.of(host("new.example.com", "198.51.100.9", HOUR)), new Judgement.Moved(
                        "load balancer of kube-system/traefik changed from 203.0.113.7 to 198.51.100.9 at 2026-12-02"
                                + " 14:00 UTC; none of the 1 host(s) DNS answered for resolves to 203.0.113.7 any more",
                        List.of(), List.of())),
                Arguments.of("deleted", List.of(OLD), null, List.of(host("api.example.com", "203.0.113.7", HOUR)),
                        new Judgement.Gone("load balancer of kube-system/traefik was deleted at 2026-12-02 14:00 UTC"
                                + " (it had 203.0.113.7); 1 host still resolves to 203.0.113.7 (api.example.com);"
                                + " records have TTL 1h, so clients keep the old address for up to 1h after the"
                                + " records are fixed", List.of("api.example.com"), List.of())),
                Arguments.of("a named balancer moved", List.of(new LbIngress(null, "old.elb.example.net")),
                        List.of(new LbIngress(null, "new.elb.example.net")),
                        List.of(host("api.example.com", "old.elb.example.net", Duration.ofSeconds(30))),
                        new Judgement.Moved("load balancer of kube-system/traefik changed from old.elb.example.net to"
                                + " new.elb.example.net at 2026-12-02 14:00 UTC; 1 host still resolves to"
                                + " old.elb.example.net (api.example.com); records have TTL 30s, so"
                                + " clients keep the old address for up to 30s after the records are fixed",
                                List.of("api.example.com"), List.of())),
                Arguments.of("a host DNS gave no answer for is neither stale nor fixed", List.of(OLD), List.of(NEW),
                        List.of(host("api.example.com", "203.0.113.7", HOUR),
                                HostAnswer.failed("shop.example.com", "no answer from 10.0.0.10:53 within 5s")),
                        new Judgement.Moved("load balancer of kube-system/traefik changed from 203.0.113.7 to"
                                + " 198.51.100.9 at 2026-12-02 14:00 UTC; 1 host still resolves to 203.0.113.7"
                                + " (api.example.com); records have TTL 1h, so clients keep the old address for up to"
                                + " 1h after the records are fixed; DNS gave no answer for 1 host(s), which may still"
                                + " resolve to 203.0.113.7 (shop.example.com: no answer from 10.0.0.10:53 within 5s)",
                                List.of("api.example.com"), List.of("shop.example.com"))),
                Arguments.of("no host answered: nothing said fixed", List.of(OLD), null,
                        List.of(HostAnswer.failed("api.example.com", "SERVFAIL from 10.0.0.10:53")),
                        new Judgement.Gone("load balancer of kube-system/traefik was deleted at 2026-12-02 14:00 UTC"
                                + " (it had 203.0.113.7); DNS gave no answer for 1 host(s), which may still resolve to"
                                + " 203.0.113.7 (api.example.com: SERVFAIL from 10.0.0.10:53)", List.of(),
                                List.of("api.example.com"))),
                Arguments.of("deleted, no host used it", List.of(OLD), null, List.of(),
                        new Judgement.Gone("load balancer of kube-system/traefik was deleted at 2026-12-02 14:00 UTC"
                                + " (it had 203.0.113.7); no host is known to use it", List.of(), List.of())),
                Arguments.of("deleted before it had an address", List.of(), null, three, new Judgement.Unchanged()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void judges(String title, List<LbIngress> before, List<LbIngress> after, List<HostAnswer> answers,
            Judgement expected) {
        assertEquals(expected, BalancerChange.judge("kube-system/traefik", before, after, AT, answers));
    }
}
