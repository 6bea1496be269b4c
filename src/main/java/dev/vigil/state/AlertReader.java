package dev.vigil.state;

import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.Severity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the state file's alerts, outbox and incidents, as {@link AlertWriter} writes them, through a strict cursor. */
final class AlertReader {
    private final JsonCursor json;

    AlertReader(JsonCursor json) {
        this.json = json;
    }

    AlertState alert() throws IOException {
        json.startObject();
        String probe = null;
        Condition condition = null;
        Boolean firing = null;
        Integer failures = null;
        Integer successes = null;
        Optional<Instant> firingSince = null;
        Optional<Instant> lastFiringAt = null;
        Optional<Severity> severity = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "probe" -> probe = json.string();
                case "condition" -> condition = condition();
                case "firing" -> firing = json.bool();
                case "failures" -> failures = json.integer();
                case "successes" -> successes = json.integer();
                case "firingSince" -> firingSince = json.nullable(json::instant);
                case "lastFiringAt" -> lastFiringAt = json.nullable(json::instant);
                case "severity" -> severity = json.nullable(this::severity);
                default -> json.skipValue();
            }
        }
        return new AlertState(json.required(probe, "probe"), json.required(condition, "condition"),
                json.required(firing, "firing"), json.required(failures, "failures"),
                json.required(successes, "successes"), json.requiredNullable(firingSince, "firingSince"),
                json.requiredNullable(lastFiringAt, "lastFiringAt"), json.requiredNullable(severity, "severity"));
    }

    PendingNotification pending() throws IOException {
        json.startObject();
        String route = null;
        Notification notification = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "route" -> route = json.string();
                case "notification" -> notification = notification();
                default -> json.skipValue();
            }
        }
        return new PendingNotification(json.required(route, "route"), json.required(notification, "notification"));
    }

    Notification notification() throws IOException {
        json.startObject();
        Long sequence = null;
        Notification.Type type = null;
        String probe = null;
        String url = null;
        Map<String, String> labels = null;
        Condition condition = null;
        Severity severity = null;
        String summary = null;
        List<String> details = null;
        Map<String, String> facts = null;
        Instant at = null;
        Optional<Duration> downFor = null;
        // Absent in files written before incidents were grouped: no symptoms.
        List<String> symptoms = List.of();
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "sequence" -> sequence = json.longInteger();
                case "type" -> type = json.id(Notification.Type::ofId, "notification type");
                case "probe" -> probe = json.string();
                case "url" -> url = json.string();
                case "labels" -> labels = json.stringMap();
                case "condition" -> condition = condition();
                case "severity" -> severity = severity();
                case "summary" -> summary = json.unsharedString();
                case "details" -> details = json.strings();
                case "facts" -> facts = json.stringMap();
                case "at" -> at = json.instant();
                case "downFor" -> downFor = json.nullable(json::duration);
                case "symptoms" -> symptoms = json.strings();
                default -> json.skipValue();
            }
        }
        return new Notification(json.required(sequence, "sequence"), json.required(type, "type"),
                json.required(probe, "probe"), json.required(url, "url"), json.required(labels, "labels"),
                json.required(condition, "condition"), json.required(severity, "severity"),
                json.required(summary, "summary"), json.required(details, "details"), json.required(facts, "facts"),
                json.required(at, "at"), json.requiredNullable(downFor, "downFor"), symptoms);
    }

    private Condition condition() throws IOException {
        return json.id(Condition::ofId, "condition");
    }

    private Severity severity() throws IOException {
        return json.id(Severity::ofId, "severity");
    }
}
