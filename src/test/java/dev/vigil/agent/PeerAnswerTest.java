package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.web.DnsSeen;
import dev.vigil.web.PeerRow;
import dev.vigil.web.ProbeState;
import dev.vigil.web.Where;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A peer's {@code /api/v1/status} answer: what {@link StatusJson} writes is read back whole; the rest refused. */
class PeerAnswerTest {
    private static final String BASE = "http://vigil-us-east-0.vigil:19115";
    private static final Where OWN = new Where("vigil-us-east-0", "us-east", "1/3", null);

    private static PeerAnswer read(String json) throws PeerAnswer.Refused {
        return PeerAnswer.read(json.getBytes(StandardCharsets.UTF_8), BASE);
    }

    @Test
    void whatAnAgentWritesItsPeersReadBack() throws PeerAnswer.Refused {
        DnsSeen dns = new DnsSeen("shop.example", Instant.parse("2026-12-02T12:00:00Z"), List.of("203.0.113.7"),
                List.of(new DnsSeen.Answer("10.0.0.2:53", List.of("203.0.113.7"), null, 30, true),
                        new DnsSeen.Answer("10.0.0.3:53", List.of(), "SERVFAIL", 0, null)));
        List<PeerRow> rows = List.of(
                new PeerRow(OWN, "shop", "https://shop.example/", ProbeState.DOWN, "http_status: 503 <b>",
                        Duration.ofMillis(87), Map.of("team", "web"), "1964122:96*30/0", dns),
                new PeerRow(OWN, "new", "https://new.example/", ProbeState.UNKNOWN, null, null, Map.of(), null, null));

        PeerAnswer answer = read(StatusJson.write(OWN, rows));

        Where peer = new Where("vigil-us-east-0", "us-east", "1/3", BASE);
        assertEquals(peer, answer.where());
        assertEquals(rows.stream().map(row -> new PeerRow(peer, row.name(), row.url(), row.state(), row.cause(),
                row.lastDuration(), row.labels(), row.runs(), row.dns())).toList(), answer.rows());
        assertEquals("https://new.example/", answer.byName().get("new").url());
    }

    @Test
    void unknownKeysAreSkipped() throws PeerAnswer.Refused {
        PeerAnswer answer = read("""
                {"version": {"a": [1, {"b": 2}]}, "agent": {"name": "b", "zone": "x"},
                 "probes": [{"name": "p", "url": "https://p/", "state": "up", "extra": [[]], "labels": {}}]}""");

        assertEquals(List.of("p"), answer.rows().stream().map(PeerRow::name).toList());
        assertEquals(null, answer.where().location());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                                                          | the answer is not a JSON object",
        "{\"agent\": {\"name\": \"b\"}                              | malformed JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])",
        "{\"agent\": {\"name\": \"b\"}}                             | the answer has no \"agent\" or no \"probes\"",
        "{\"probes\": [], \"agent\": {\"name\": \"b\"}}             | \"probes\" comes before \"agent\"",
        "{\"agent\": {}, \"probes\": []}                            | the answer has no agent.name",
        "{\"agent\": {\"name\": 7}, \"probes\": []}                 | agent.name is not a string",
        "{\"agent\": {\"name\": \"b\"}, \"probes\": {}}             | probes is not an array",
        "{\"agent\": {\"name\": \"b\"}, \"probes\": [{\"name\": \"p\"}]} | probes[0] lacks its name, url or state",
        "{\"agent\": {\"name\": \"b\"}, \"probes\": [{\"name\": \"p\", \"url\": \"u\", \"state\": \"sideways\"}]} | probes[0].state is not up, down or unknown",
        "{\"agent\": {\"name\": \"b\"}, \"probes\": [{\"name\": \"p\", \"url\": \"u\", \"state\": \"up\", \"durationMs\": 1.5}]} | probes[0].durationMs is not an integer",
        "{\"agent\": {\"name\": \"b\"}, \"probes\": [{\"name\": \"p\", \"url\": \"u\", \"state\": \"up\", \"dns\": {\"host\": \"h\", \"ranAt\": \"noon\"}}]} | probes[0].dns.ranAt is not a time"})
    void anAnswerOfAnotherFormIsRefusedSayingWhy(String json, String reason) {
        PeerAnswer.Refused refused = assertThrows(PeerAnswer.Refused.class, () -> read(json));

        assertEquals(reason, refused.getMessage());
    }

    @Test
    void anAnswerBeyondItsBoundsIsRefused() {
        StringBuilder many = new StringBuilder("{\"agent\": {\"name\": \"b\"}, \"probes\": [");
        for (int i = 0; i <= PeerAnswer.MAX_PROBES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\",\"url\":\"u\",\"state\":\"up\"}");
        }
        String longName = "{\"agent\": {\"name\": \"" + "b".repeat(PeerAnswer.MAX_TEXT + 1) + "\"}, \"probes\": []}";
        String hugeString = "{\"agent\": {\"name\": \"" + "b".repeat(1 << 20) + "\"}, \"probes\": []}";
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i <= PeerAnswer.MAX_LABELS; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\": \"v\"");
        }

        assertEquals("more than 20000 probes",
                assertThrows(PeerAnswer.Refused.class, () -> read(many.append("]}").toString())).getMessage());
        assertEquals("agent.name is longer than 1024 characters",
                assertThrows(PeerAnswer.Refused.class, () -> read(longName)).getMessage());
        // Jackson stops reading the string at the bound, not at its end.
        assertTrue(assertThrows(PeerAnswer.Refused.class, () -> read(hugeString)).getMessage()
                .matches("malformed JSON: String value length \\(\\d+\\) exceeds the maximum allowed \\(16384, .*"));
        assertEquals("probes[0].labels has more than 64 labels", assertThrows(PeerAnswer.Refused.class,
                () -> read("{\"agent\": {\"name\": \"b\"}, \"probes\": [{\"name\": \"p\", \"url\": \"u\", \"state\": "
                        + "\"up\", \"labels\": {" + labels + "}}]}")).getMessage());
    }
}
