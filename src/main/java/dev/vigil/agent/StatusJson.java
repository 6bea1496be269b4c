package dev.vigil.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.web.DnsSeen;
import dev.vigil.web.PeerRow;
import dev.vigil.web.Where;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/status}: who the agent is and, per probe, what its row in the list and its DNS in the other
 * locations need, compactly, for its peers to show ({@link PeerAnswer} reads it):
 * <pre>{"agent": {"name": "vigil-eu-0", "location": "eu-west", "shard": "1/3"},
 *  "probes": [{"name": "shop", "url": "https://shop.example/", "state": "up", "cause": null, "durationMs": 87,
 *   "labels": {"team": "web"}, "runs": "1964122:96*30/0",
 *   "dns": {"host": "shop.example", "ranAt": "2026-12-02T12:00:00Z", "expected": ["203.0.113.7"],
 *    "answers": [{"resolver": "10.0.0.2:53", "addresses": ["203.0.113.7"], "error": null, "ttl": 30,
 *     "matches": true}]}}]}</pre>
 * {@code runs} is the recent-runs ring in its saved form ({@code newest bucket:counts}, see {@code RecentRuns}).
 */
final class StatusJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private StatusJson() {
    }

    /** The answer for {@code agent} and its {@code probes}, in their order. */
    static String write(Where agent, List<PeerRow> probes) {
        StringWriter out = new StringWriter(256 + probes.size() * 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("agent");
            json.writeStringField("name", agent.agent());
            json.writeStringField("location", agent.location());
            json.writeStringField("shard", agent.shard());
            json.writeEndObject();
            json.writeArrayFieldStart("probes");
            for (PeerRow probe : probes) {
                probe(json, probe);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void probe(JsonGenerator json, PeerRow probe) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", probe.name());
        json.writeStringField("url", probe.url());
        json.writeStringField("state", probe.state().id());
        json.writeStringField("cause", probe.cause());
        if (probe.lastDuration() == null) {
            json.writeNullField("durationMs");
        } else {
            json.writeNumberField("durationMs", probe.lastDuration().toMillis());
        }
        json.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : probe.labels().entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
        json.writeStringField("runs", probe.runs());
        if (probe.dns() != null) {
            dns(json, probe.dns());
        }
        json.writeEndObject();
    }

    private static void dns(JsonGenerator json, DnsSeen dns) throws IOException {
        json.writeObjectFieldStart("dns");
        json.writeStringField("host", dns.host());
        json.writeStringField("ranAt", dns.ranAt().toString());
        strings(json, "expected", dns.expected());
        json.writeArrayFieldStart("answers");
        for (DnsSeen.Answer answer : dns.answers()) {
            json.writeStartObject();
            json.writeStringField("resolver", answer.resolver());
            strings(json, "addresses", answer.addresses());
            json.writeStringField("error", answer.error());
            json.writeNumberField("ttl", answer.ttlSeconds());
            if (answer.matches() == null) {
                json.writeNullField("matches");
            } else {
                json.writeBooleanField("matches", answer.matches());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
