package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressChoiceTest {
    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("all fit", List.of("a", "b"), List.of("lb"), 16, List.of("a", "lb", "b"), 0),
                Arguments.of("the request's own address first, then the load balancer's", List.of("a", "b", "c", "d"),
                        List.of("lb1", "lb2"), 3, List.of("a", "lb1", "lb2"), 3),
                Arguments.of("an address both name counts once", List.of("a", "lb"), List.of("lb"), 2,
                        List.of("a", "lb"), 0),
                Arguments.of("no answer: only the load balancer's", List.of(), List.of("lb1", "lb2", "lb3"), 2,
                        List.of("lb1", "lb2"), 1),
                Arguments.of("no load balancer: DNS's in order", List.of("a", "b", "c"), List.of(), 1, List.of("a"), 2),
                Arguments.of("nothing", List.of(), List.of(), 16, List.of(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void choosesTheRequestsAddressThenTheLoadBalancersThenDnss(String name, List<String> resolved,
            List<String> expected, int max, List<String> probed, int notProbed) {
        assertEquals(new AddressChoice(probed, notProbed), AddressChoice.of(resolved, expected, max));
    }
}
