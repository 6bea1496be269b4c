package dev.vigil.state;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the state file's alerts, outbox and incidents: conditions, severities and types by their ids, instants and durations
 * in ISO-8601, labels and facts as objects in their order.
 */
final class AlertWriter {
    private AlertWriter() {
    }

    static void writeAlert(JsonGenerator json, AlertState alert) throws IOException {
        json.writeStartObject();
        json.writeStringField("probe", alert.probe());
        json.writeStringField("condition", alert.condition().id());
        json.writeBooleanField("firing", alert.firing());
        json.writeNumberField("failures", alert.failures());
        json.writeNumberField("successes", alert.successes());
        StateCodec.writeText(json, "firingSince", alert.firingSince());
        StateCodec.writeText(json, "lastFiringAt", alert.lastFiringAt());
        json.writeStringField("severity", alert.severity() == null ? null : alert.severity().id());
        json.writeEndObject();
    }

    static void writePending(JsonGenerator json, PendingNotification pending) throws IOException {
        json.writeStartObject();
        json.writeStringField("route", pending.route());
        json.writeFieldName("notification");
        writeNotification(json, pending.notification());
        json.writeEndObject();
    }

    static void writeNotification(JsonGenerator json, Notification notification) throws IOException {
        json.writeStartObject();
        json.writeNumberField("sequence", notification.sequence());
        json.writeStringField("type", notification.type().id());
        json.writeStringField("probe", notification.probe());
        json.writeStringField("url", notification.url());
        writeStringMap(json, "labels", notification.labels());
        json.writeStringField("condition", notification.condition().id());
        json.writeStringField("severity", notification.severity().id());
        json.writeStringField("summary", notification.summary());
        StateCodec.writeStrings(json, "details", notification.details());
        writeStringMap(json, "facts", notification.facts());
        StateCodec.writeText(json, "at", notification.at());
        StateCodec.writeText(json, "downFor", notification.downFor());
        StateCodec.writeStrings(json, "symptoms", notification.symptoms());
        json.writeEndObject();
    }

    private static void writeStringMap(JsonGenerator json, String field, Map<String, String> values)
            throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
