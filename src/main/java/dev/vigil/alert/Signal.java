package dev.vigil.alert;

import dev.vigil.cert.Severity;
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
 * @param summary   one line saying what is wrong, e.g. {@code cert_untrusted: … serves a self-signed certificate}
 * @param details   sentences saying why and what to do (the run's diagnosis, the certificate event's message)
 * @param facts     labelled facts worth showing, in order, e.g. {@code Issuer}, {@code Serial}, {@code Expires},
 *                  {@code Duplicate limit}, {@code DNS}
 */
public record Signal(Condition condition, boolean failing, Severity severity, String summary, List<String> details,
        Map<String, String> facts) {
    public Signal {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
