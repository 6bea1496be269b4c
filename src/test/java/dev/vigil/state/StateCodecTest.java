package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static final Path FILE = Path.of("/var/lib/vigil/state.json");

    private static final String SMALL_JSON = "{\"format\":1,\"endpoints\":[{\"host\":\"api.example.com\",\"port\":443,"
            + "\"serverName\":\"api.example.com\",\"probes\":[\"api\"],\"expiryWarned\":7,"
            + "\"ctQueriedAt\":\"2026-11-25T03:00:00Z\",\"ctIssuances\":[{\"serial\":\"0a1b\","
            + "\"notBefore\":\"2026-11-24T03:00:00Z\",\"sans\":[\"api.example.com\",\"www.api.example.com\"]}],"
            + "\"observations\":[{\"serial\":\"0a1b\",\"issuer\":\"CN=R11,O=Let's Encrypt,C=US\","
            + "\"subject\":\"CN=api.example.com\",\"sans\":[\"api.example.com\",\"www.api.example.com\"],"
            + "\"notBefore\":\"2026-11-24T03:00:00Z\",\"notAfter\":\"2027-02-22T03:00:00Z\",\"sha256\":\"5f1c0a1b\","
            + "\"chainIssuers\":[\"CN=R11,O=Let's Encrypt,C=US\","
            + "\"CN=ISRG Root X1,O=Internet Security Research Group,C=US\"],\"verified\":true,"
            + "\"firstSeen\":\"2026-11-25T03:00:00Z\",\"lastSeen\":\"2026-11-25T03:00:00Z\"}],"
            + "\"changes\":[{\"at\":\"2026-09-02T10:00:00Z\",\"kind\":\"renewal\",\"severity\":\"info\","
            + "\"oldSerial\":\"09ff\",\"newSerial\":\"0a1b\",\"message\":\"Renewed 29 days before expiry.\"}]}]}\n";

    @Test
    void writesTheDocumentedFormat() throws IOException {
        assertEquals(SMALL_JSON, new String(SampleStates.json(SampleStates.small()), StandardCharsets.UTF_8));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Endpoint ipv6 = new Endpoint("2001:db8::1", 8443, "");
        Endpoint viaSni = new Endpoint("10.0.0.1", 443, "Internal.Example.com");
        Observation selfSigned = new Observation("00ff", "CN=localhost", "CN=localhost", List.of(),
                Instant.parse("2026-01-01T00:00:00.123456789Z"), Instant.parse("2036-01-01T00:00:00Z"), "beef",
                List.of("CN=localhost"), false, Instant.parse("2026-11-01T00:00:00.5Z"), SampleStates.NOW);
        CertChange quoted = new CertChange(SampleStates.NOW, ChangeKind.ISSUER_CHANGED, Severity.CRITICAL, "0a1b",
                "00ff", "Issuer \"R11\" → CN=localhost\n(self-signed)");
        VigilState state = new VigilState(Map.of(
                ipv6.key(), EndpointHistory.empty(ipv6),
                viaSni.key(), new EndpointHistory(viaSni, Set.of("b", "a"), List.of(selfSigned), List.of(quoted), null,
                        null, List.of(new Issuance("00ff", selfSigned.notBefore(), List.of("x.example"))))));
        VigilState merged = new VigilState(Map.of(ipv6.key(), state.endpoints().get(ipv6.key()),
                viaSni.key(), state.endpoints().get(viaSni.key()),
                "api.example.com:443", SampleStates.small().endpoints().get("api.example.com:443")));

        assertEquals(merged, read(SampleStates.json(merged)));
        assertEquals(SampleStates.sized(50), read(SampleStates.json(SampleStates.sized(50))));
    }

    @Test
    void skipsFieldsItDoesNotKnow() throws IOException {
        String withAdditions = SMALL_JSON.replace("{\"format\":1,", "{\"format\":1,\"writtenBy\":{\"version\":[0,2]},")
                .replace("\"port\":443,", "\"port\":443,\"tags\":[\"a\",{\"b\":null}],");

        assertEquals(SampleStates.small(), read(withAdditions));
    }

    @Test
    void aTruncatedFileIsCorruptWhereItEnds() {
        String truncated = SMALL_JSON.substring(0, SMALL_JSON.indexOf("2027-02-22"));

        assertCorrupt(truncated, "$.endpoints[0].observations[0].notAfter: the file ends early");
        assertCorrupt(SMALL_JSON.substring(0, SMALL_JSON.length() - 3), "$.endpoints[0]: the file ends early");
        assertCorrupt("", "$: expected an object, found the end of the file");
    }

    @Test
    void anIllTypedValueIsNamedByItsPath() {
        assertCorrupt(SMALL_JSON.replace("\"port\":443", "\"port\":\"443\""),
                "$.endpoints[0].port: expected an integer, found \"443\"");
        assertCorrupt(SMALL_JSON.replace("\"verified\":true", "\"verified\":1"),
                "$.endpoints[0].observations[0].verified: expected true or false, found 1");
        assertCorrupt(SMALL_JSON.replace("\"probes\":[\"api\"]", "\"probes\":[\"api\",null]"),
                "$.endpoints[0].probes[1]: expected a string, found null");
        assertCorrupt(SMALL_JSON.replace("\"notAfter\":\"2027-02-22T03:00:00Z\"", "\"notAfter\":\"2027-02-30\""),
                "$.endpoints[0].observations[0].notAfter: expected an ISO-8601 instant such as "
                        + "2026-11-25T03:00:00Z, found \"2027-02-30\"");
        assertCorrupt(SMALL_JSON.replace("\"endpoints\":[", "\"endpoints\":{\"x\":[").replace("]}\n", "]}}\n"),
                "$.endpoints: expected an array, found an object");
    }

    @Test
    void aMissingFieldIsNamedByItsPath() {
        assertCorrupt(SMALL_JSON.replace("\"sha256\":\"5f1c0a1b\",", ""),
                "$.endpoints[0].observations[0].sha256: missing");
        assertCorrupt(SMALL_JSON.replace("\"expiryWarned\":7,", ""), "$.endpoints[0].expiryWarned: missing");
        assertCorrupt("{\"format\":1}", "$.endpoints: missing");
        assertCorrupt("{\"endpoints\":[],\"format\":1}", "$: expected the field \"format\" first");
    }

    @Test
    void anUnknownChangeKindOrSeverityIsCorrupt() {
        assertCorrupt(SMALL_JSON.replace("\"kind\":\"renewal\"", "\"kind\":\"moved\""),
                "$.endpoints[0].changes[0].kind: unknown change kind \"moved\"");
        assertCorrupt(SMALL_JSON.replace("\"severity\":\"info\"", "\"severity\":\"fatal\""),
                "$.endpoints[0].changes[0].severity: unknown severity \"fatal\"");
    }

    @Test
    void contentTheModelRejectsIsCorrupt() {
        String twice = SMALL_JSON.replace("}]}\n", "}," + SMALL_JSON.substring(SMALL_JSON.indexOf("{\"host\"")));

        assertCorrupt(twice, "$.endpoints[1]: a second history for the endpoint api.example.com:443");
        assertCorrupt(SMALL_JSON.replace("\"port\":443", "\"port\":70000"),
                "$.endpoints[0]: port out of range: 70000");
        assertCorrupt(SMALL_JSON.replace("{\"format\":1", "{\"format\":0"), "$.format: no such format: 0");
        assertCorrupt(SMALL_JSON + "{}", "$: unexpected an object after the end of the document");
        assertCorrupt(SMALL_JSON.replace("\"format\":1", "\"format\":1x"),
                "$.format: not valid JSON: Unexpected character ('x' (code 120)): was expecting comma to separate "
                        + "Object entries");
    }

    @Test
    void aFileFromANewerVigilSaysSo() {
        StateVersionException e = assertThrows(StateVersionException.class,
                () -> read("{\"format\":2,\"endpoints\":\"a shape this Vigil does not know\"}"));

        assertEquals("state file /var/lib/vigil/state.json has format 2, newer than this Vigil reads (1): "
                + "upgrade Vigil or point --state-dir elsewhere", e.getMessage());
    }

    private static void assertCorrupt(String json, String where) {
        StateCorruptException e = assertThrows(StateCorruptException.class, () -> read(json));
        assertEquals("state file /var/lib/vigil/state.json is corrupt at " + where, e.getMessage());
    }

    private static VigilState read(String json) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static VigilState read(byte[] json) throws IOException {
        return StateCodec.read(new ByteArrayInputStream(json), json.length, FILE);
    }
}
