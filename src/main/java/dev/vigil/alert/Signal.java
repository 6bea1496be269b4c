package dev.vigil.alert;

import dev.vigil.cert.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run says about one condition of a probe.
 *
 * @param condition the condition
 * @param failing   whether the run shows it
 * @param severity  how bad it is when failing (e.g. a duplicate limit low is a warning, used up critical)
 * @param summary   one line saying what is wrong, e.g. {@code cert_untrusted: … serves a self-signed certificate};
 *                  when a cause leads the condition, the cause's sentence
 * @param details   sentences saying why and what to do (the run's diagnosis, the certificate event's message)
 * @param facts     labelled facts worth showing, in order, e.g. {@code Issuer}, {@code Serial}, {@code Expires},
 *                  {@code Duplicate limit}, {@code DNS}
 * @param symptoms  what the cause in the summary explains, one line each (the symptom this condition names, the
 *                  conditions and certificate changes of the same incident); empty when the condition speaks for itself
 * @param ledBy     the condition whose alert tells this one as a symptom in this run, which holds this one's messages;
 *                  null when it speaks for itself
 */
public record Signal(Condition condition, boolean failing, Severity severity, String summary, List<String> details,
        Map<String, String> facts, List<String> symptoms, Condition ledBy) {
    public Signal {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        symptoms = List.copyOf(symptoms);
        if (ledBy == condition) {
            throw new IllegalArgumentException("the " + condition.id() + " signal cannot lead itself");
        }
    }

    /** A signal that speaks for itself: no symptoms, led by nothing. */
    public Signal(Condition condition, boolean failing, Severity severity, String summary, List<String> details,
            Map<String, String> facts) {
        this(condition, failing, severity, summary, details, facts, List.of(), null);
    }

    /** This signal with {@code more} symptoms after its own and the higher of its severity and {@code atLeast}. */
    Signal leading(List<String> more, Severity atLeast) {
        List<String> all = new ArrayList<>(symptoms);
        all.addAll(more);
        Severity raised = atLeast.compareTo(severity) > 0 ? atLeast : severity;
        return new Signal(condition, failing, raised, summary, details, facts, all, ledBy);
    }

    /** This signal told as a symptom of {@code lead}'s alert in this run. */
    Signal ledBy(Condition lead) {
        return new Signal(condition, failing, severity, summary, details, facts, symptoms, lead);
    }
}
