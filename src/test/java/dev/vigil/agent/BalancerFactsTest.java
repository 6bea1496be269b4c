package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.discovery.BalancerMoves.Move;
import dev.vigil.lb.LbIngress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A balancer alert's facts, and the change the next agent reads back from them. */
class BalancerFactsTest {
    private static final Instant AT = Instant.parse("2026-12-02T14:00:00Z");
    private static final LbIngress OLD = new LbIngress("203.0.113.7", null);
    private static final LbIngress NEW = new LbIngress("2001:db8::9", null);
    private static final LbIngress ELB = new LbIngress(null, "a1.elb.example.net");

    private static Notification told(Condition condition, Map<String, String> facts) {
        return new Notification(7, Notification.Type.FIRING, "ingress shop/web", "", Map.of(), condition,
                Severity.CRITICAL, "load balancer of ingress shop/web ...", List.of(), facts, AT, null);
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of(Condition.LB_CHANGED, new Move("ingress shop/web", List.of(OLD, ELB), List.of(NEW))),
                Arguments.of(Condition.LB_GONE, new Move("service kube-system/traefik", List.of(ELB), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void whatIsToldIsReadBack(Condition condition, Move move) {
        Map<String, String> facts = BalancerFacts.of(move, AT, List.of("a.example.com", "b.example.com"));

        assertEquals(new BalancerFacts.Told(condition, move, AT, List.of("a.example.com", "b.example.com")),
                BalancerFacts.read(told(condition, facts)));
    }

    @Test
    void factsThatDoNotSayEnoughAreRefusedNamingWhatIsMissing() {
        Map<String, String> facts = new LinkedHashMap<>(BalancerFacts.of(new Move("ingress shop/web", List.of(OLD),
                List.of(NEW)), AT, List.of("a.example.com")));
        facts.remove(BalancerFacts.NEW);
        assertEquals("no fact 'New addresses'", assertThrows(IllegalArgumentException.class,
                () -> BalancerFacts.read(told(Condition.LB_CHANGED, facts))).getMessage());
        facts.put(BalancerFacts.NEW, NEW.ip());
        facts.put(BalancerFacts.AT, "yesterday");
        assertEquals("fact 'Changed at' is no instant: yesterday", assertThrows(IllegalArgumentException.class,
                () -> BalancerFacts.read(told(Condition.LB_CHANGED, facts))).getMessage());
    }
}
