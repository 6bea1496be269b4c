package dev.vigil.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.config.ProbeConfig;
import dev.vigil.config.ProbeTemplate;
import dev.vigil.lb.LbIngress;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.HttpSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A discovered probe expects every address and every name its object's load balancer lists, each once. */
class ExpectedTest {
    @TempDir
    static Path dir;

    private static ProbeConfig probe() {
        return switch (RouteObjects.config(dir, "{'kind': 'ingress'}").sources().getFirst().template()
                .make("ingress/shop/web/web.example.com", URI.create("https://web.example.com/"), List.of())) {
            case ProbeTemplate.Outcome.Made made -> made.probe();
            case ProbeTemplate.Outcome.Refused refused -> throw new AssertionError(refused.problems());
        };
    }

    private static LbIngress ip(String ip) {
        return new LbIngress(ip, null);
    }

    private static LbIngress name(String hostname) {
        return new LbIngress(null, hostname);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("one ip", List.of(ip("203.0.113.7")), new ExpectedLb(List.of("203.0.113.7"), null, null)),
                Arguments.of("one name", List.of(name("lb.example.net")),
                        new ExpectedLb(List.of(), "lb.example.net", null)),
                Arguments.of("several names, all resolved",
                        List.of(name("a.elb.example.net"), name("b.elb.example.net")),
                        new ExpectedLb(List.of(), "a.elb.example.net", null, List.of("b.elb.example.net"))),
                Arguments.of("ips and names, each once", List.of(ip("203.0.113.7"), name("a.example.net"),
                        ip("203.0.113.8"), name("b.example.net"), ip("203.0.113.7"), name("a.example.net")),
                        new ExpectedLb(List.of("203.0.113.7", "203.0.113.8"), "a.example.net", null,
                                List.of("b.example.net"))),
                Arguments.of("one entry with ip and name", List.of(new LbIngress("203.0.113.7", "lb.example.net")),
                        new ExpectedLb(List.of("203.0.113.7"), "lb.example.net", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void theDnsCheckExpects(String status, List<LbIngress> addresses, ExpectedLb expected) {
        ProbeConfig made = Expected.expecting(probe(), addresses);

        assertEquals(expected, ((HttpSpec) made.spec()).dns().expect());
    }

    @Test
    void withoutAddressesTheProbeIsLeftAsItIs() {
        ProbeConfig probe = probe();

        assertSame(probe, Expected.expecting(probe, List.of()));
    }
}
