package dev.vigil.agent;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.discovery.BalancerChange;
import dev.vigil.discovery.BalancerMoves.Move;
import dev.vigil.lb.LbIngress;
import dev.vigil.net.IpLiterals;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The facts a load-balancer alert carries (the balancer, its old and new addresses, the hosts checked, when the change
 * was seen), shown with it and saved with a firing alert, and the change read back from them, so that the next agent
 * can take the alert's check over. Pure.
 */
final class BalancerFacts {
    static final String BALANCER = "Load balancer";
    static final String OLD = "Old addresses";
    static final String NEW = "New addresses";
    static final String HOSTS = "Hosts";
    static final String AT = "Changed at";

    /**
     * A change as an alert told it.
     *
     * @param hosts the hosts checked, sorted
     */
    record Told(Condition condition, Move move, Instant at, List<String> hosts) {
    }

    private BalancerFacts() {
    }

    /** The facts of {@code move}, seen {@code at}, with {@code hosts}; addresses and hosts separated by spaces. */
    static Map<String, String> of(Move move, Instant at, Collection<String> hosts) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(BALANCER, move.balancer());
        facts.put(OLD, String.join(" ", BalancerChange.addresses(move.before())));
        if (move.after() != null) {
            facts.put(NEW, String.join(" ", BalancerChange.addresses(move.after())));
        }
        facts.put(HOSTS, String.join(" ", hosts));
        facts.put(AT, at.toString());
        return facts;
    }

    /**
     * The change {@code told} tells, from its facts.
     *
     * @throws IllegalArgumentException naming the fact that is missing or unreadable
     */
    static Told read(Notification told) {
        Map<String, String> facts = told.facts();
        boolean gone = told.condition() == Condition.LB_GONE;
        List<LbIngress> before = entries(required(facts, OLD));
        List<LbIngress> after = gone ? null : entries(required(facts, NEW));
        if (before.isEmpty() || after != null && after.isEmpty()) {
            throw new IllegalArgumentException("no addresses in fact '" + (before.isEmpty() ? OLD : NEW) + "'");
        }
        Instant at;
        try {
            at = Instant.parse(required(facts, AT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("fact '" + AT + "' is no instant: " + facts.get(AT), e);
        }
        List<String> hosts = Stream.of(required(facts, HOSTS).split(" ")).filter(h -> !h.isEmpty()).sorted().toList();
        return new Told(told.condition(), new Move(required(facts, BALANCER), before, after), at, hosts);
    }

    private static String required(Map<String, String> facts, String name) {
        String value = facts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no fact '" + name + "'");
        }
        return value;
    }

    private static List<LbIngress> entries(String addresses) {
        return Stream.of(addresses.split(" ")).filter(a -> !a.isEmpty())
                .map(a -> IpLiterals.isLiteral(a) ? new LbIngress(a, null) : new LbIngress(null, a)).toList();
    }
}
