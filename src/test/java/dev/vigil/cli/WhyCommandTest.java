package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.state.StateStore;
import dev.vigil.state.VigilState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil why} on state files holding incidents: text, JSON, nothing firing, an unknown probe, exit codes. */
class WhyCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:11:00Z");
    private static final Instant SINCE = Instant.parse("2026-12-02T05:40:00Z");
    private static final String REFUSAL = "The CA refuses new certificates for {api.example.com, www.api.example.com}"
            + " until 2026-12-03 13:00 UTC, in 31 h: 5 certificates for them were issued in the last 168 h (…), so the"
            + " ingress serves its default certificate.";

    @TempDir
    Path dir;

    /** The fallback's incident: the refusal with its symptoms, and the duplicate limit it explains, firing held. */
    private static VigilState fallback() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Issuer", "CN=TRAEFIK DEFAULT CERT");
        facts.put("Duplicate limit", "0 of 5 left for {api.example.com, www.api.example.com}");
        Notification told = new Notification(12, Notification.Type.FIRING, "api", "https://api.example.com/",
                Map.of(), Condition.CERT_INVALID, Severity.CRITICAL, REFUSAL,
                List.of("The endpoint serves a self-signed certificate."), facts, SINCE.plusSeconds(5), null,
                List.of("cert_untrusted: PKIX path building failed",
                        "issuer changed from Let's Encrypt to self-signed"));
        List<AlertState> alerts = List.of(
                new AlertState("api", Condition.CERT_INVALID, true, 4, 0, SINCE, SINCE.plusSeconds(5),
                        Severity.CRITICAL),
                new AlertState("api", Condition.DUPLICATE_LIMIT, true, 4, 0, SINCE, null, Severity.WARNING),
                new AlertState("web", Condition.DOWN, false, 1, 0, SINCE, null, Severity.CRITICAL));
        return new VigilState(Map.of(), alerts, List.of(), 13, List.of(told));
    }

    /** A churn warning firing for {@code edge}, nothing else. */
    private static VigilState churnOnly() {
        Notification told = new Notification(3, Notification.Type.FIRING, "edge", "https://edge.example.com/",
                Map.of(), Condition.CERT_CHURN, Severity.WARNING, "3 certificates for {edge.example.com} in 1 h …",
                List.of(), Map.of(), SINCE, null, List.of());
        return new VigilState(Map.of(), List.of(new AlertState("edge", Condition.CERT_CHURN, true, 1, 0, SINCE, SINCE,
                Severity.WARNING)), List.of(), 4, List.of(told));
    }

    private Path save(VigilState state) throws Exception {
        Path stateDir = dir.resolve("state");
        try (StateStore store = StateStore.open(stateDir, Clock.systemUTC())) {
            store.save(state);
        }
        return stateDir;
    }

    private static List<WhyReport.Entry> entries(VigilState state) {
        return WhyReport.probes(state).stream().map(probe -> WhyReport.entry(state, probe)).toList();
    }

    @Test
    void theTextTellsTheCauseItsEvidenceSymptomsAndFactsAndWhatItExplains() {
        assertEquals("""
                api: 1 incident, CRITICAL
                  cert_invalid (critical), firing since 2026-12-02 05:40 UTC, 31 m ago
                    %s
                    https://api.example.com/
                    Evidence:
                      - The endpoint serves a self-signed certificate.
                    Symptoms:
                      - cert_untrusted: PKIX path building failed
                      - issuer changed from Let's Encrypt to self-signed
                    Facts:
                      - Issuer: CN=TRAEFIK DEFAULT CERT
                      - Duplicate limit: 0 of 5 left for {api.example.com, www.api.example.com}
                    Last told 2026-12-02 05:40 UTC, 31 m ago (#12)
                  duplicate_limit (warning), firing since 2026-12-02 05:40 UTC, 31 m ago: explained by cert_invalid
                web: no incident
                """.formatted(REFUSAL), WhyReport.text(entries(fallback()), NOW));
    }

    @Test
    void whyOfAProbeWithAnIncidentExitsCriticalAndItsJsonHasTheCause() throws Exception {
        Path state = save(fallback());

        CliRun text = vigil("why", "api", "--state-dir", state.toString());
        assertEquals(2, text.exitCode(), text::toString);
        assertTrue(text.stdout().startsWith("api: 1 incident, CRITICAL\n  cert_invalid (critical), firing since"
                + " 2026-12-02 05:40 UTC, "), text::toString);
        assertTrue(text.stdout().contains("\n    " + REFUSAL + "\n"), text::toString);

        CliRun json = vigil("why", "api", "--state-dir", state.toString(), "--output", "json");
        assertEquals(2, json.exitCode(), json::toString);
        JsonNode out = json.json();
        assertEquals("CRITICAL", out.get("status").asText());
        assertEquals(1, out.get("probes").size());
        JsonNode api = out.get("probes").get(0);
        assertEquals("api", api.get("probe").asText());
        JsonNode incident = api.get("incidents").get(0);
        assertEquals("cert_invalid", incident.get("condition").asText());
        assertEquals("critical", incident.get("severity").asText());
        assertEquals(SINCE.toString(), incident.get("firingSince").asText());
        assertEquals(REFUSAL, incident.get("cause").asText());
        assertEquals("The endpoint serves a self-signed certificate.", incident.get("evidence").get(0).asText());
        assertEquals(List.of("cert_untrusted: PKIX path building failed",
                "issuer changed from Let's Encrypt to self-signed"),
                List.of(incident.get("symptoms").get(0).asText(), incident.get("symptoms").get(1).asText()));
        assertEquals("CN=TRAEFIK DEFAULT CERT", incident.get("facts").get("Issuer").asText());
        assertEquals(12, incident.get("sequence").asInt());
        JsonNode explained = api.get("explained").get(0);
        assertEquals("duplicate_limit", explained.get("condition").asText());
        assertEquals("cert_invalid", explained.get("explainedBy").asText());
    }

    @Test
    void aProbeWithNothingFiringSaysSoAndExitsZero() throws Exception {
        Path state = save(fallback());

        CliRun text = vigil("why", "web", "--state-dir", state.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertEquals("web: no incident\n", text.stdout());

        CliRun json = vigil("why", "web", "--state-dir", state.toString(), "-o", "json");
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals("{\"status\":\"OK\",\"probes\":[{\"probe\":\"web\",\"status\":\"OK\",\"incidents\":[],"
                + "\"explained\":[]}]}", json.json().toString());
    }

    @Test
    void withoutAProbeEveryProbeIsToldAndTheWorstDecidesTheExit() throws Exception {
        Path state = save(fallback());

        CliRun all = vigil("why", "--state-dir", state.toString());
        assertEquals(2, all.exitCode(), all::toString);
        assertTrue(all.stdout().startsWith("api: 1 incident, CRITICAL\n"), all::toString);
        assertTrue(all.stdout().endsWith("\nweb: no incident\n"), all::toString);
    }

    @Test
    void onlyAWarningFiringExitsOne() throws Exception {
        Path state = save(churnOnly());

        CliRun run = vigil("why", "--state-dir", state.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stdout().startsWith("edge: 1 incident, WARNING\n  cert_churn (warning), firing since"),
                run::toString);
    }

    @Test
    void anUnknownProbeIsAUsageErrorNamingTheProbesTheStateKnows() throws Exception {
        Path state = save(fallback());

        CliRun run = vigil("why", "apx", "--state-dir", state.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("UNKNOWN - no probe 'apx' in " + state + "; probes there: api, web\n"),
                run::toString);
    }

    @Test
    void aStateDirectoryWithoutAStateFileIsAUsageError() {
        CliRun run = vigil("why", "--state-dir", dir.resolve("nothing").toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("UNKNOWN - --state-dir: no " + dir.resolve("nothing").resolve("state.json")
                + " yet"), run::toString);
    }
}
