package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.AlertBook;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.CtFailure;
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

    /** {@link SampleStates#alerting()}. */
    private static final String ALERTING_JSON = "{\"format\":1,\"endpoints\":[],\"alerts\":[{\"probe\":\"api\","
            + "\"condition\":\"down\",\"firing\":false,\"failures\":0,\"successes\":1,\"firingSince\":null,"
            + "\"lastFiringAt\":\"2026-11-25T01:31:00Z\",\"severity\":\"critical\"}],"
            + "\"outbox\":[{\"route\":\"ops-slack\",\"notification\":{\"sequence\":7,\"type\":\"resolved\","
            + "\"probe\":\"api\",\"url\":\"https://api.example.com/health\",\"labels\":{\"team\":\"web\",\"env\":\"prod\"},"
            + "\"condition\":\"down\",\"severity\":\"critical\",\"summary\":\"api is up again\","
            + "\"details\":[\"It answers 200 again.\"],\"facts\":{\"Status\":\"200\",\"Took\":\"35 ms\"},"
            + "\"at\":\"2026-11-25T03:00:00Z\",\"downFor\":\"PT1H30M\",\"symptoms\":[]}}],\"nextSequence\":8,"
            + "\"incidents\":[]}\n";

    @Test
    void writesTheDocumentedFormat() throws IOException {
        String withoutAlerts = SMALL_JSON.substring(0, SMALL_JSON.length() - 2)
                + ",\"alerts\":[],\"outbox\":[],\"nextSequence\":1,\"incidents\":[]}\n";

        assertEquals(withoutAlerts, new String(SampleStates.json(SampleStates.small()), StandardCharsets.UTF_8));
        assertEquals(ALERTING_JSON, new String(SampleStates.json(SampleStates.alerting()), StandardCharsets.UTF_8));
    }

    @Test
    void aFileFromBeforeAlertsHasNone() throws IOException {
        VigilState state = read(SMALL_JSON);

        assertEquals(SampleStates.small(), state);
        assertEquals(List.of(), state.alerts());
        assertEquals(List.of(), state.outbox());
        assertEquals(1, state.nextSequence());
    }

    @Test
    void readsBackRecentRunsAndWritesNoneWhenThereAreNone() throws IOException {
        VigilState withRuns = SampleStates.alerting().withRecentRuns(Map.of("api", "1964122:96*30/0",
                "web \"eu\"", "1964122:95*0/0,2/1"));

        String json = new String(SampleStates.json(withRuns), StandardCharsets.UTF_8);

        assertEquals(ALERTING_JSON.substring(0, ALERTING_JSON.length() - 2) + ",\"recentRuns\":{\"api\":"
                + "\"1964122:96*30/0\",\"web \\\"eu\\\"\":\"1964122:95*0/0,2/1\"}}\n", json);
        assertEquals(withRuns, read(json));
        assertEquals(Map.of(), read(ALERTING_JSON).recentRuns(), "a file from before the status page");
        assertCorrupt(json.replace("\"1964122:96*30/0\"", "7"), "$.recentRuns.api: expected a string, found 7");
    }

    @Test
    void readsBackAlertsAndTheOutbox() throws IOException {
        AlertState failing = new AlertState("web \"eu\"", Condition.CERT_INVALID, false, 1, 0, SampleStates.NOW,
                null, Severity.WARNING);
        AlertState firing = new AlertState("api", Condition.DUPLICATE_LIMIT, true, 40, 2,
                Instant.parse("2026-11-24T03:00:00.000000001Z"), SampleStates.NOW, Severity.CRITICAL);
        Notification fired = new Notification(Long.MAX_VALUE - 1, Notification.Type.FIRING, "api",
                "https://api.example.com/", Map.of(), Condition.DUPLICATE_LIMIT, Severity.CRITICAL,
                "duplicate limit: 5 of 5 used", List.of("Wait until 2026-11-30.", "Or add a name → new set."),
                SampleStates.orderedMap("Names", "api.example.com", "Duplicate limit", "5/5"), SampleStates.NOW,
                null);
        VigilState state = SampleStates.small().withAlerts(
                List.of(AlertState.quiet("api", Condition.DOWN), failing, firing),
                List.of(new PendingNotification("ops", fired), new PendingNotification("audit log", fired),
                        SampleStates.alerting().outbox().get(0)),
                Long.MAX_VALUE);

        assertEquals(state, read(SampleStates.json(state)));
        assertEquals(SampleStates.alerting(), read(ALERTING_JSON));
    }

    /** The incident told last for each firing alert, with its symptoms, survives a restart for {@code vigil why}. */
    @Test
    void readsBackIncidentsWithTheirSymptoms() throws IOException {
        AlertState firing = new AlertState("api", Condition.CERT_INVALID, true, 3, 0, SampleStates.NOW,
                SampleStates.NOW, Severity.CRITICAL);
        Notification incident = new Notification(9, Notification.Type.FIRING, "api", "https://api.example.com/",
                Map.of(), Condition.CERT_INVALID, Severity.CRITICAL, "The CA refuses new certificates until T.",
                List.of("evidence"), Map.of("Serial", "0a1b"), SampleStates.NOW, null,
                List.of("cert_untrusted: self-signed", "issuer changed"));
        VigilState state = SampleStates.small().withAlerts(new AlertBook(List.of(firing), List.of(), 10,
                List.of(incident)));

        VigilState read = read(SampleStates.json(state));

        assertEquals(state, read);
        assertEquals(List.of("cert_untrusted: self-signed", "issuer changed"), read.incidents().get(0).symptoms());
    }

    @Test
    void anIllTypedOrMissingAlertFieldIsNamedByItsPath() {
        assertCorrupt(ALERTING_JSON.replace("\"successes\":1", "\"successes\":1.5"),
                "$.alerts[0].successes: expected an integer, found 1.5");
        assertCorrupt(ALERTING_JSON.replace("\"firingSince\":null,", ""), "$.alerts[0].firingSince: missing");
        assertCorrupt(ALERTING_JSON.replace("\"condition\":\"down\"", "\"condition\":\"gone\""),
                "$.alerts[0].condition: unknown condition \"gone\"");
        assertCorrupt(ALERTING_JSON.replace("\"type\":\"resolved\"", "\"type\":\"paged\""),
                "$.outbox[0].notification.type: unknown notification type \"paged\"");
        assertCorrupt(ALERTING_JSON.replace("\"downFor\":\"PT1H30M\"", "\"downFor\":5400"),
                "$.outbox[0].notification.downFor: expected a string, found 5400");
        assertCorrupt(ALERTING_JSON.replace("PT1H30M", "90 minutes"),
                "$.outbox[0].notification.downFor: expected an ISO-8601 duration such as PT1H30M, "
                        + "found \"90 minutes\"");
        assertCorrupt(ALERTING_JSON.replace("\"env\":\"prod\"", "\"team\":\"ops\""),
                "$.outbox[0].notification.labels.team: a second value for the key \"team\"");
        assertCorrupt(ALERTING_JSON.replace("\"facts\":{", "\"facts\":{\"Count\":3,"),
                "$.outbox[0].notification.facts.Count: expected a string, found 3");
        assertCorrupt(ALERTING_JSON.replace("\"route\":\"ops-slack\",", ""), "$.outbox[0].route: missing");
        assertCorrupt(ALERTING_JSON.replace("\"nextSequence\":8", "\"nextSequence\":\"8\""),
                "$.nextSequence: expected an integer, found \"8\"");
        assertCorrupt(ALERTING_JSON.replace("\"nextSequence\":8", "\"nextSequence\":18446744073709551616"),
                "$.nextSequence: expected an integer, found 18446744073709551616");
    }

    @Test
    void alertContentTheModelRejectsIsCorrupt() {
        String alert = ALERTING_JSON.substring(ALERTING_JSON.indexOf("{\"probe\""),
                ALERTING_JSON.indexOf("],\"outbox\""));

        assertCorrupt(ALERTING_JSON.replace(alert, alert + "," + alert), "$: two down alerts of the probe api");
        assertCorrupt(ALERTING_JSON.replace("\"nextSequence\":8", "\"nextSequence\":7"),
                "$: the pending notification 7 is not below the next sequence 7");
        assertCorrupt(ALERTING_JSON.replace("\"nextSequence\":8", "\"nextSequence\":0"),
                "$: the next sequence must be at least 1, not 0");
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
        VigilState state = VigilState.empty().withEndpoints(Map.of(
                ipv6.key(), EndpointHistory.empty(ipv6),
                viaSni.key(), new EndpointHistory(viaSni, Set.of("b", "a"), List.of(selfSigned), List.of(quoted), null,
                        null, List.of(new Issuance("00ff", selfSigned.notBefore(), List.of("x.example"))),
                        new CtFailure(Instant.parse("2026-11-25T08:00:00Z"), "crt.sh answered 502 Bad Gateway"))));
        VigilState merged = state.withEndpoints(Map.of(ipv6.key(), state.endpoints().get(ipv6.key()),
                viaSni.key(), state.endpoints().get(viaSni.key()),
                "api.example.com:443", SampleStates.small().endpoints().get("api.example.com:443")));

        assertEquals(merged, read(SampleStates.json(merged)));
        assertEquals(SampleStates.sized(50), read(SampleStates.json(SampleStates.sized(50))));
    }

    @Test
    void aCtCertificateKeepsItsEndOfValidityAndOneFromAnOlderFileHasNone() throws IOException {
        Endpoint api = new Endpoint("api.example.com", 443, "api.example.com");
        Issuance logged = new Issuance("0a1c", Instant.parse("2026-11-24T04:00:00Z"), List.of("api.example.com"),
                null, Instant.parse("2027-02-22T04:00:00Z"));
        VigilState state = VigilState.empty().withEndpoints(Map.of(api.key(), new EndpointHistory(api, Set.of("api"),
                List.of(), List.of(), null, SampleStates.NOW, List.of(logged), null)));

        String json = new String(SampleStates.json(state), StandardCharsets.UTF_8);

        assertTrue(json.contains("{\"serial\":\"0a1c\",\"notBefore\":\"2026-11-24T04:00:00Z\","
                + "\"notAfter\":\"2027-02-22T04:00:00Z\",\"sans\":[\"api.example.com\"]}"), json);
        assertEquals(state, read(json));
        assertNull(read(SMALL_JSON).endpoints().get("api.example.com:443").ctIssuances().getFirst().notAfter());
    }

    @Test
    void skipsFieldsItDoesNotKnow() throws IOException {
        String withAdditions = SMALL_JSON.replace("{\"format\":1,", "{\"format\":1,\"writtenBy\":{\"version\":[0,2]},")
                .replace("\"port\":443,", "\"port\":443,\"tags\":[\"a\",{\"b\":null}],");

        assertEquals(SampleStates.small(), read(withAdditions));
    }

    @Test
    void aCtFailureWithoutItsTimeIsCorrupt() {
        assertCorrupt(SMALL_JSON.replace("\"port\":443,", "\"port\":443,\"ctFailure\":{\"message\":\"502\"},"),
                "$.endpoints[0].ctFailure.since: missing");
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
