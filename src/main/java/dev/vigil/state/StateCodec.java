package dev.vigil.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The state file's JSON: {@code {"format":1,"endpoints":[…],"alerts":[…],"outbox":[…],"nextSequence":1,"incidents":[…]}}, one
 * object per endpoint with its certificate history, one per alert and one per notification pending for a route,
 * instants and durations as ISO-8601 strings; then, when there are any, {@code "recentRuns":{"probe":"…"}}, each
 * probe's runs of the last day as the status page writes them. A file from before alerts, without the last three, reads as having
 * none and sequences starting at 1. Written and read field by field with Jackson's streaming API, which keeps loading
 * tens of thousands of endpoints well under a second in a fresh JVM.
 */
public final class StateCodec {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private StateCodec() {
    }

    /** Writes {@code state} to {@code out} as compact UTF-8 JSON ending in a newline; leaves {@code out} open. */
    public static void write(VigilState state, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("format", VigilState.FORMAT_VERSION);
            json.writeArrayFieldStart("endpoints");
            for (EndpointHistory history : state.endpoints().values()) {
                writeEndpoint(json, history);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("alerts");
            for (AlertState alert : state.alerts()) {
                AlertWriter.writeAlert(json, alert);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("outbox");
            for (PendingNotification pending : state.outbox()) {
                AlertWriter.writePending(json, pending);
            }
            json.writeEndArray();
            json.writeNumberField("nextSequence", state.nextSequence());
            json.writeArrayFieldStart("incidents");
            for (Notification incident : state.incidents()) {
                AlertWriter.writeNotification(json, incident);
            }
            json.writeEndArray();
            // Written only when there are some, so a file from before the status page reads and writes back byte for byte.
            if (!state.recentRuns().isEmpty()) {
                json.writeObjectFieldStart("recentRuns");
                for (Map.Entry<String, String> runs : state.recentRuns().entrySet()) {
                    json.writeStringField(runs.getKey(), runs.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /**
     * The state in {@code json}, read strictly: fields this format does not know are skipped, but a missing or
     * ill-typed field is an error naming its JSON path.
     *
     * @param length how many bytes {@code json} holds, to tell a file cut short from other damage
     * @param file   where the bytes come from, for messages
     * @throws StateCorruptException when the bytes are not a state file of this format
     * @throws StateVersionException when a newer Vigil wrote them
     */
    public static VigilState read(InputStream json, long length, Path file) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            return new StateReader(parser, length, file).read();
        }
    }

    private static void writeEndpoint(JsonGenerator json, EndpointHistory history) throws IOException {
        json.writeStartObject();
        json.writeStringField("host", history.endpoint().host());
        json.writeNumberField("port", history.endpoint().port());
        json.writeStringField("serverName", history.endpoint().serverName());
        writeStrings(json, "probes", history.probes());
        json.writeFieldName("expiryWarned");
        if (history.expiryWarned() == null) {
            json.writeNull();
        } else {
            json.writeNumber(history.expiryWarned());
        }
        writeText(json, "ctQueriedAt", history.ctQueriedAt());
        json.writeArrayFieldStart("ctIssuances");
        for (Issuance issuance : history.ctIssuances()) {
            json.writeStartObject();
            json.writeStringField("serial", issuance.serialHex());
            writeText(json, "notBefore", issuance.notBefore());
            // Written only when known, so a file from before it was kept reads and writes back byte for byte.
            if (issuance.notAfter() != null) {
                writeText(json, "notAfter", issuance.notAfter());
            }
            writeStrings(json, "sans", issuance.sans());
            json.writeEndObject();
        }
        json.writeEndArray();
        // Written only while CT lookups fail, so a file without it reads and writes back byte for byte.
        if (history.ctFailure() != null) {
            json.writeObjectFieldStart("ctFailure");
            writeText(json, "since", history.ctFailure().since());
            json.writeStringField("message", history.ctFailure().message());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("observations");
        for (Observation observation : history.observations()) {
            writeObservation(json, observation);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("changes");
        for (CertChange change : history.changes()) {
            writeChange(json, change);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeObservation(JsonGenerator json, Observation observation) throws IOException {
        json.writeStartObject();
        json.writeStringField("serial", observation.serialHex());
        json.writeStringField("issuer", observation.issuer());
        json.writeStringField("subject", observation.subject());
        writeStrings(json, "sans", observation.sans());
        writeText(json, "notBefore", observation.notBefore());
        writeText(json, "notAfter", observation.notAfter());
        json.writeStringField("sha256", observation.sha256());
        writeStrings(json, "chainIssuers", observation.chainIssuers());
        json.writeBooleanField("verified", observation.verified());
        writeText(json, "firstSeen", observation.firstSeen());
        writeText(json, "lastSeen", observation.lastSeen());
        json.writeEndObject();
    }

    private static void writeChange(JsonGenerator json, CertChange change) throws IOException {
        json.writeStartObject();
        writeText(json, "at", change.at());
        json.writeStringField("kind", change.kind().id());
        json.writeStringField("severity", change.severity().id());
        json.writeStringField("oldSerial", change.oldSerial());
        json.writeStringField("newSerial", change.newSerial());
        json.writeStringField("message", change.message());
        json.writeEndObject();
    }

    static void writeStrings(JsonGenerator json, String field, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** A value as its {@code toString()} writes it (ISO-8601 for an instant or a duration), or null. */
    static void writeText(JsonGenerator json, String field, Object value) throws IOException {
        json.writeStringField(field, value == null ? null : value.toString());
    }
}
