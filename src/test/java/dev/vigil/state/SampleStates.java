package dev.vigil.state;

import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** States for the tests: small ones whose JSON a test spells out, and large ones sized like a real agent's. */
final class SampleStates {
    static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    private SampleStates() {
    }

    /** One endpoint with one certificate, one change and one CT issuance. */
    static VigilState small() {
        Endpoint endpoint = new Endpoint("api.example.com", 443, "api.example.com");
        Observation current = observation("0a1b", "api.example.com", NOW);
        CertChange renewal = new CertChange(Instant.parse("2026-09-02T10:00:00Z"), ChangeKind.RENEWAL, Severity.INFO,
                "09ff", "0a1b", "Renewed 29 days before expiry.");
        Issuance issued = new Issuance("0a1b", current.notBefore(), current.sans());
        return VigilState.empty().withEndpoints(Map.of(endpoint.key(), new EndpointHistory(endpoint, Set.of("api"),
                List.of(current), List.of(renewal), 7, NOW, List.of(issued), null)));
    }

    /** No endpoints, one resolved alert and its notification pending for one route. */
    static VigilState alerting() {
        AlertState alert = new AlertState("api", Condition.DOWN, false, 0, 1, null,
                Instant.parse("2026-11-25T01:31:00Z"), Severity.CRITICAL);
        Notification resolved = new Notification(7, Notification.Type.RESOLVED, "api",
                "https://api.example.com/health", orderedMap("team", "web", "env", "prod"), Condition.DOWN,
                Severity.CRITICAL, "api is up again", List.of("It answers 200 again."),
                orderedMap("Status", "200", "Took", "35 ms"), NOW, Duration.ofMinutes(90));
        return VigilState.empty().withAlerts(List.of(alert), List.of(new PendingNotification("ops-slack", resolved)),
                8);
    }

    /** A map of the keys and values alternating in {@code entries}, in that order. */
    static Map<String, String> orderedMap(String... entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put(entries[i], entries[i + 1]);
        }
        return map;
    }

    /** {@code endpoints} endpoints, each with two certificates, a change and two CT issuances. */
    static VigilState sized(int endpoints) {
        Map<String, EndpointHistory> histories = new HashMap<>();
        for (int i = 0; i < endpoints; i++) {
            String host = "host-" + i + ".example.com";
            Endpoint endpoint = new Endpoint(host, 443, host);
            Observation old = observation(i + "01", host, NOW.minus(Duration.ofDays(90)));
            Observation current = observation(i + "02", host, NOW);
            CertChange renewal = new CertChange(current.firstSeen(), ChangeKind.RENEWAL, Severity.INFO,
                    old.serialHex(), current.serialHex(), "Renewed 30 days before expiry.");
            List<Issuance> issuances = List.of(new Issuance(old.serialHex(), old.notBefore(), old.sans()),
                    new Issuance(current.serialHex(), current.notBefore(), current.sans()));
            histories.put(endpoint.key(), new EndpointHistory(endpoint, Set.of("probe-" + i), List.of(old, current),
                    List.of(renewal), null, NOW, issuances, null));
        }
        return VigilState.empty().withEndpoints(histories);
    }

    /** {@code state} as the codec writes it. */
    static byte[] json(VigilState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StateCodec.write(state, out);
        return out.toByteArray();
    }

    /** A certificate for {@code host} and its www name, issued a day before it was first seen {@code seen}. */
    static Observation observation(String serialHex, String host, Instant seen) {
        Instant notBefore = seen.minus(Duration.ofDays(1));
        return new Observation(serialHex, "CN=R11,O=Let's Encrypt,C=US", "CN=" + host,
                List.of(host, "www." + host), notBefore, notBefore.plus(Duration.ofDays(90)),
                "5f1c" + serialHex, List.of("CN=R11,O=Let's Encrypt,C=US", "CN=ISRG Root X1,O=Internet Security "
                + "Research Group,C=US"), true, seen, seen);
    }
}
