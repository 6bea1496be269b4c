package dev.vigil.output.alertmanager;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a notification reads as one alert of Alertmanager's {@code POST /api/v2/alerts}: pure functions, no state.
 *
 * <p>Labels identify the alert, so they hold only what stays the same while it fires: {@code alertname}
 * ({@code Vigil} and the condition in CamelCase, e.g. {@code VigilCertExpiring}, as Prometheus' alerting rules name
 * alerts), {@code probe}, {@code instance} (the probed URL, as blackbox_exporter's jobs label it), {@code severity},
 * {@code condition} and the probe's own labels (with the agent's location among them when it has one, see
 * {@link dev.vigil.output.location.LocatedRoute}). A probe label is made a valid label name (every character other than
 * {@code [a-zA-Z0-9_]} becomes {@code _}, and a leading digit gets a {@code _} before it); one that would replace one
 * of Vigil's is kept as {@code exported_<name>}, as Prometheus does. Labels with an empty value are left out:
 * Alertmanager treats them as absent.
 *
 * <p>Annotations say what is wrong now and are replaced by each post: {@code summary} (the cause, one line),
 * {@code description} (the details, then the symptoms, one per line) and {@code facts} (one {@code Label: value} per
 * line, in order); an empty one is left out.
 */
final class AlertmanagerAlerts {
    /** How many re-send intervals a firing alert is valid for: two failed re-sends do not end it (as in Prometheus). */
    static final int VALID_FOR_RESENDS = 4;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
    private static final String EXPORTED = "exported_";

    private AlertmanagerAlerts() {
    }

    /**
     * The alert for {@code n}.
     *
     * @param startsAt     when it began firing, as {@link #startsAt} has it
     * @param endsAt       when Alertmanager is to consider it resolved, as {@link #endsAt} has it
     * @param generatorUrl the agent's URL; null for none
     */
    static ObjectNode alert(Notification n, Instant startsAt, Instant endsAt, String generatorUrl) {
        ObjectNode alert = JSON.objectNode();
        labels(n).forEach(alert.putObject("labels")::put);
        annotations(n).forEach(alert.putObject("annotations")::put);
        alert.put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString());
        if (generatorUrl != null) {
            alert.put("generatorURL", generatorUrl);
        }
        return alert;
    }

    /** The labels of {@code n}'s alert, as in the class description. */
    static Map<String, String> labels(Notification n) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertName(n.condition()));
        labels.put("probe", n.probe());
        labels.put("instance", n.url());
        labels.put("severity", n.severity().id());
        labels.put("condition", n.condition().id());
        // Sorted, so that which of two labels that read the same once made valid wins does not depend on map order.
        new TreeMap<>(n.labels()).forEach((name, value) -> {
            String valid = labelName(name);
            labels.putIfAbsent(labels.containsKey(valid) ? EXPORTED + valid : valid, value);
        });
        labels.values().removeIf(String::isEmpty);
        return labels;
    }

    /** {@code Vigil} and the condition in CamelCase, e.g. {@code VigilDnsLbMismatch}. */
    static String alertName(Condition condition) {
        return "Vigil" + Stream.of(condition.id().split("_"))
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining());
    }

    /** {@code name} as a valid Prometheus label name. */
    static String labelName(String name) {
        String valid = INVALID.matcher(name).replaceAll("_");
        return valid.isEmpty() || Character.isDigit(valid.charAt(0)) ? "_" + valid : valid;
    }

    private static Map<String, String> annotations(Notification n) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", n.summary());
        annotations.put("description", String.join("\n", Stream.concat(n.details().stream(), n.symptoms().stream())
                .toList()));
        annotations.put("facts", n.facts().entrySet().stream().map(fact -> fact.getKey() + ": " + fact.getValue())
                .collect(Collectors.joining("\n")));
        annotations.values().removeIf(String::isEmpty);
        return annotations;
    }

    /**
     * When {@code n}'s alert began: {@code firingSince} when the delivery saw it fire (a reminder or a resolution
     * then keeps it), else the start its resolution tells ({@code at} less {@code downFor}), else {@code at}.
     *
     * @param firingSince when the delivery saw the alert fire; null when it did not
     */
    static Instant startsAt(Notification n, Instant firingSince) {
        if (firingSince != null && !firingSince.isAfter(n.at())) {
            return firingSince;
        }
        return n.downFor() == null ? n.at() : n.at().minus(n.downFor());
    }

    /**
     * Until when Alertmanager is to take the alert as firing, posted at {@code now}: a firing alert (or reminder)
     * {@value #VALID_FOR_RESENDS} re-send intervals ahead, so that it resolves by itself if Vigil stops; a resolution
     * when it resolved; an event or a test one re-send interval ahead, so that it is told once and then resolves.
     */
    static Instant endsAt(Notification n, Instant now, Duration resendInterval) {
        return switch (n.type()) {
            case FIRING, REMINDER -> now.plus(resendInterval.multipliedBy(VALID_FOR_RESENDS));
            case RESOLVED -> n.at();
            case EVENT, TEST -> now.plus(resendInterval);
        };
    }

    /** Whether the delivery re-sends {@code n}'s alert until a resolution comes: an alert firing, not an event. */
    static boolean fires(Notification n) {
        return switch (n.type()) {
            case FIRING, REMINDER -> true;
            case RESOLVED, EVENT, TEST -> false;
        };
    }
}
