package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Severity;
import dev.vigil.state.VigilState;
import dev.vigil.time.Moments;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code vigil why} output: each probe's firing incidents as the agent last told them (cause, evidence, symptoms,
 * facts), and the alerts that fire without a message of their own because a cause explains them. Pure: built from a
 * state read once and the time it is read at.
 */
final class WhyReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * One firing alert of a probe.
     *
     * @param alert its state: severity and since when it fails
     * @param told  its last firing or reminder message; null when a cause explains it, so it sends none of its own
     */
    record Firing(AlertState alert, Notification told) {
        Severity severity() {
            return told != null ? told.severity() : Objects.requireNonNullElse(alert.severity(), Severity.WARNING);
        }
    }

    /**
     * One probe as reported.
     *
     * @param probe    its name
     * @param firing   its firing alerts, those with a message first, oldest first
     * @param lastSeen when the state last saw a certificate served to it; null when it keeps none
     */
    record Entry(String probe, List<Firing> firing, Instant lastSeen) {
        /** Its incidents: the firing alerts with a message of their own. */
        List<Firing> incidents() {
            return firing.stream().filter(f -> f.told() != null).toList();
        }

        /** The firing alerts a cause explains. */
        List<Firing> explained() {
            return firing.stream().filter(f -> f.told() == null).toList();
        }

        /** OK with nothing firing, WARNING with only warnings (or infos), CRITICAL with any critical. */
        NagiosStatus status() {
            return firing.stream().map(f -> switch (f.severity()) {
                case CRITICAL -> NagiosStatus.CRITICAL;
                case WARNING -> NagiosStatus.WARNING;
                case INFO -> NagiosStatus.OK;
            }).reduce(NagiosStatus.OK, NagiosStatus::worse);
        }

        /**
         * The cause an explained alert is told under: the one incident of the probe that lists symptoms, when there
         * is exactly one; empty when that cannot be told from the state.
         */
        Optional<Condition> explainedBy() {
            List<Firing> causes = incidents().stream().filter(f -> !f.told().symptoms().isEmpty()).toList();
            return causes.size() == 1 ? Optional.of(causes.getFirst().told().condition()) : Optional.empty();
        }
    }

    private WhyReport() {
    }

    /** The probes {@code state} knows of: those with alerts, incidents or certificate history, by name. */
    static List<String> probes(VigilState state) {
        TreeSet<String> names = new TreeSet<>();
        state.alerts().forEach(alert -> names.add(alert.probe()));
        state.incidents().forEach(incident -> names.add(incident.probe()));
        state.endpoints().values().forEach(history -> names.addAll(history.probes()));
        return List.copyOf(names);
    }

    /** What {@code state} says of {@code probe}. */
    static Entry entry(VigilState state, String probe) {
        List<Firing> firing = state.alerts().stream()
                .filter(alert -> alert.probe().equals(probe) && alert.firing() && !alert.condition().isEvent())
                .map(alert -> new Firing(alert, state.incidents().stream()
                        .filter(n -> n.probe().equals(probe) && n.condition() == alert.condition()).findFirst()
                        .orElse(null)))
                .sorted(Comparator.comparing((Firing f) -> f.told() == null)
                        .thenComparing(f -> f.alert().firingSince(), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        Instant lastSeen = state.endpoints().values().stream().filter(h -> h.probes().contains(probe))
                .map(EndpointHistory::current).filter(Objects::nonNull).map(c -> c.lastSeen())
                .max(Comparator.naturalOrder()).orElse(null);
        return new Entry(probe, firing, lastSeen);
    }

    static String text(List<Entry> entries, Instant now) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            if (entry.firing().isEmpty()) {
                out.append(entry.probe()).append(": no incident")
                        .append(entry.lastSeen() == null ? ""
                                : "; certificate last seen " + Moments.when(entry.lastSeen(), now))
                        .append('\n');
                continue;
            }
            List<Firing> incidents = entry.incidents();
            out.append(entry.probe()).append(": ").append(incidents.size() == 1 ? "1 incident"
                    : incidents.size() + " incidents").append(", ").append(entry.status().name()).append('\n');
            for (Firing firing : incidents) {
                Notification told = firing.told();
                out.append("  ").append(told.condition().id()).append(" (").append(told.severity().id())
                        .append("), firing since ").append(since(firing, now)).append('\n')
                        .append("    ").append(told.summary()).append('\n')
                        .append("    ").append(told.url()).append('\n');
                lines(out, "Evidence", told.details());
                lines(out, "Symptoms", told.symptoms());
                lines(out, "Facts", told.facts().entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                        .toList());
                out.append("    Last told ").append(Moments.when(told.at(), now)).append(" (#").append(told.sequence())
                        .append(")\n");
            }
            for (Firing firing : entry.explained()) {
                out.append("  ").append(firing.alert().condition().id()).append(" (").append(firing.severity().id())
                        .append("), firing since ").append(since(firing, now)).append(": ")
                        .append(entry.explainedBy().map(cause -> "explained by " + cause.id())
                                .orElse("explained by a cause above")).append('\n');
            }
        }
        return out.toString();
    }

    static ObjectNode json(List<Entry> entries, NagiosStatus worst) {
        ObjectNode out = JSON.objectNode().put("status", worst.name());
        ArrayNode probes = out.putArray("probes");
        for (Entry entry : entries) {
            ObjectNode node = probes.addObject().put("probe", entry.probe()).put("status", entry.status().name());
            if (entry.lastSeen() != null) {
                node.put("certificateLastSeen", entry.lastSeen().toString());
            }
            ArrayNode incidents = node.putArray("incidents");
            for (Firing firing : entry.incidents()) {
                Notification told = firing.told();
                ObjectNode incident = incidents.addObject().put("condition", told.condition().id())
                        .put("severity", told.severity().id()).put("url", told.url());
                putSince(incident, firing);
                incident.put("cause", told.summary());
                told.details().forEach(incident.putArray("evidence")::add);
                told.symptoms().forEach(incident.putArray("symptoms")::add);
                ObjectNode facts = incident.putObject("facts");
                told.facts().forEach(facts::put);
                incident.put("lastToldAt", told.at().toString()).put("sequence", told.sequence());
            }
            ArrayNode explained = node.putArray("explained");
            for (Firing firing : entry.explained()) {
                ObjectNode alert = explained.addObject().put("condition", firing.alert().condition().id())
                        .put("severity", firing.severity().id());
                putSince(alert, firing);
                entry.explainedBy().ifPresent(cause -> alert.put("explainedBy", cause.id()));
            }
        }
        return out;
    }

    private static void putSince(ObjectNode node, Firing firing) {
        if (firing.alert().firingSince() != null) {
            node.put("firingSince", firing.alert().firingSince().toString());
        }
    }

    private static String since(Firing firing, Instant now) {
        return firing.alert().firingSince() == null ? "an unknown time" : Moments.when(firing.alert().firingSince(), now);
    }

    private static void lines(StringBuilder out, String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("    ").append(heading).append(":\n");
            lines.forEach(line -> out.append("      - ").append(line).append('\n'));
        }
    }

    /** The worst status of {@code entries}: what {@code vigil why} exits with. */
    static NagiosStatus worst(List<Entry> entries) {
        return entries.stream().map(Entry::status).reduce(NagiosStatus.OK, NagiosStatus::worse);
    }
}
