package dev.vigil.alert;

import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Severity;
import dev.vigil.probe.FailureKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Incidents, not symptoms: which of a probe's failing conditions and certificate changes one cause explains in a run.
 * The cause's alert tells them under its own sentence, as its symptoms, at the highest severity among them; their own
 * alerts keep counting but hold their messages while the cause explains them, and speak for themselves again once it
 * does not. Pure.
 *
 * <p>A cause leads when its condition fails and its evidence holds; the first rule that explains a condition takes it,
 * and a condition explained by one cause leads nothing itself:
 * <table>
 * <caption>Causes and what they explain</caption>
 * <tr><th>cause</th><th>evidence</th><th>explains</th></tr>
 * <tr><td>{@code dns_lb_mismatch}</td><td>DNS answers addresses that are not the load balancer's</td>
 * <td>{@code down}, {@code cert_invalid}, {@code cert_expiring}: all seen at the wrong address; and every certificate
 * change</td></tr>
 * <tr><td>{@code down}</td><td>split brain: the name's addresses serve different certificates</td>
 * <td>{@code cert_invalid}, {@code cert_expiring}, and every certificate change: each run may reach another
 * address</td></tr>
 * <tr><td>{@code cert_invalid}</td><td>the CA refuses the names served before (a fallback)</td>
 * <td>{@code duplicate_limit}, and every certificate change (the fallback's issuer and names)</td></tr>
 * <tr><td>{@code cert_churn}</td><td>the churn signature</td><td>{@code duplicate_limit}, and re-issues</td></tr>
 * <tr><td>{@code cert_not_served}</td><td>a newer certificate in CT not served</td><td>{@code cert_expiring}</td></tr>
 * </table>
 */
public final class Incidents {
    /** What a rule's evidence is judged on: what is known about the certificate, and the run's failure (null: none). */
    private record Known(CertStatus cert, FailureKind failure) {
    }

    private record Rule(Condition lead, Predicate<Known> evidence, Set<Condition> explains, Set<ChangeKind> changes) {
    }

    private static final Set<ChangeKind> EVERY_CHANGE = EnumSet.allOf(ChangeKind.class);
    private static final List<Rule> RULES = List.of(
            new Rule(Condition.DNS_LB_MISMATCH, known -> true,
                    EnumSet.of(Condition.DOWN, Condition.CERT_INVALID, Condition.CERT_EXPIRING), EVERY_CHANGE),
            new Rule(Condition.DOWN, known -> known.failure() == FailureKind.SPLIT_BRAIN,
                    EnumSet.of(Condition.CERT_INVALID, Condition.CERT_EXPIRING), EVERY_CHANGE),
            new Rule(Condition.CERT_INVALID, known -> known.cert().refusal() != null,
                    EnumSet.of(Condition.DUPLICATE_LIMIT), EVERY_CHANGE),
            new Rule(Condition.CERT_CHURN, known -> known.cert().churn() != null,
                    EnumSet.of(Condition.DUPLICATE_LIMIT), EnumSet.of(ChangeKind.REISSUE)),
            new Rule(Condition.CERT_NOT_SERVED, known -> known.cert().notServed() != null,
                    EnumSet.of(Condition.CERT_EXPIRING), EnumSet.noneOf(ChangeKind.class)));

    private Incidents() {
    }

    /**
     * A run's signals and certificate events, grouped.
     *
     * @param signals     every signal of the run, in its order: a cause's signal with its symptoms, an explained one
     *                    {@linkplain Signal#ledBy() led by} its cause
     * @param unexplained the events no cause explains, told on their own
     * @param explained   the events each cause explains, by the cause's condition: symptoms the cause's alert tells
     *                    when it next sends, though they happened once
     */
    public record Grouped(List<Signal> signals, List<CertEvent> unexplained, Map<Condition, List<CertEvent>> explained) {
        public Grouped {
            signals = List.copyOf(signals);
            unexplained = List.copyOf(unexplained);
            explained = Map.copyOf(explained);
        }
    }

    /**
     * Groups the signals of one run of a probe and the certificate events it raised, by what {@code cert} knows and
     * the run's {@code failure} (null when it passed).
     */
    public static Grouped of(List<Signal> signals, List<CertEvent> events, CertStatus cert, FailureKind failure) {
        Known known = new Known(cert, failure);
        Map<Condition, Signal> byCondition = new EnumMap<>(Condition.class);
        signals.forEach(signal -> byCondition.put(signal.condition(), signal));
        Map<Condition, Condition> leads = new EnumMap<>(Condition.class);
        List<CertEvent> unexplained = new ArrayList<>(events);
        Map<Condition, List<CertEvent>> explainedEvents = new EnumMap<>(Condition.class);
        Set<Condition> causes = EnumSet.noneOf(Condition.class);
        for (Rule rule : RULES) {
            Signal lead = byCondition.get(rule.lead());
            if (lead == null || !lead.failing() || leads.containsKey(rule.lead()) || !rule.evidence().test(known)) {
                continue;
            }
            for (Condition symptom : rule.explains()) {
                Signal explained = byCondition.get(symptom);
                if (explained != null && explained.failing() && !leads.containsKey(symptom)) {
                    leads.put(symptom, rule.lead());
                }
            }
            List<CertEvent> changes = unexplained.stream()
                    .filter(e -> e.change().map(rule.changes()::contains).orElse(false)).toList();
            unexplained.removeAll(changes);
            causes.add(rule.lead());
            if (!changes.isEmpty()) {
                explainedEvents.put(rule.lead(), changes);
            }
        }
        List<Signal> grouped = new ArrayList<>();
        for (Signal signal : signals) {
            Condition lead = leads.get(signal.condition());
            grouped.add(lead != null ? signal.ledBy(lead)
                    : causes.contains(signal.condition()) ? withSymptoms(signal, signals, leads) : signal);
        }
        return new Grouped(grouped, unexplained, explainedEvents);
    }

    /** {@code lead} with the conditions it explains after its own symptoms, at the highest severity among them. */
    private static Signal withSymptoms(Signal lead, List<Signal> signals, Map<Condition, Condition> leads) {
        List<String> symptoms = new ArrayList<>();
        Severity highest = lead.severity();
        for (Signal signal : signals) {
            if (leads.get(signal.condition()) == lead.condition()) {
                symptoms.add(signal.summary());
                highest = signal.severity().compareTo(highest) > 0 ? signal.severity() : highest;
            }
        }
        return lead.leading(symptoms, highest);
    }
}
