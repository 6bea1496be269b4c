package dev.vigil.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.Churn;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.NotServed;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Refusal;
import dev.vigil.cert.Severity;
import dev.vigil.probe.FailureKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which conditions and certificate changes a cause explains in a run, as a table. */
class IncidentsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Endpoint API = Endpoint.of(URI.create("https://api.example.com/"));
    private static final List<String> PAIR = List.of("api.example.com", "www.api.example.com");
    private static final Observation SERVED = new Observation("03", "CN=R11,O=Let's Encrypt,C=US",
            "CN=api.example.com", PAIR, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(89)), "0300",
            List.of(), true, NOW, NOW);
    private static final NameSetUsage USED_UP = new NameSetUsage(PAIR, true, NOW,
            new LimitUsage(5, 0, NOW.plus(Duration.ofHours(31)), LimitUsage.Level.CRITICAL));

    /**
     * Columns: the causes whose evidence holds; the failing conditions (severity after a colon, warning otherwise); the
     * certificate changes of the run; then what is expected: each explained condition and its cause, each cause's
     * symptoms and severity, and the changes no cause explains.
     */
    @ParameterizedTest(name = "{0} | {1} | {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // Nothing known: every condition and change speaks for itself.
        "-             | cert_invalid:critical duplicate_limit:critical | issuer_changed | -  | - | issuer_changed",
        // The fallback: the CA's refusal explains the used-up limit and the fallback's issuer and names.
        "refusal       | cert_invalid:critical duplicate_limit:critical | issuer_changed names_changed"
                + " | duplicate_limit>cert_invalid | cert_invalid=critical[duplicate_limit issuer_changed names_changed]"
                + " | -",
        // Evidence without the symptom it explains: nothing to lead.
        "refusal       | duplicate_limit:critical                       | issuer_changed | - | - | issuer_changed",
        // Churn: the limit's level raises the warning; re-issues are its symptoms, another issuer is not.
        "churn         | cert_churn duplicate_limit:critical            | reissue issuer_changed"
                + " | duplicate_limit>cert_churn | cert_churn=critical[duplicate_limit reissue] | issuer_changed",
        "churn         | cert_churn duplicate_limit                     | reissue"
                + " | duplicate_limit>cert_churn | cert_churn=warning[duplicate_limit reissue] | -",
        // Churn and the fallback: the refusal comes first and takes the limit and every change.
        "churn refusal | cert_churn cert_invalid:critical duplicate_limit:critical | reissue names_changed"
                + " | duplicate_limit>cert_invalid | cert_invalid=critical[duplicate_limit reissue names_changed]"
                + " | -",
        // DNS pointing at an old address: what was seen there is its symptom, even a refusal's fallback.
        "refusal       | dns_lb_mismatch:critical cert_invalid:critical duplicate_limit:critical | issuer_changed"
                + " | cert_invalid>dns_lb_mismatch | dns_lb_mismatch=critical[cert_invalid issuer_changed] | -",
        // Split brain: the run reached another address, whose certificate is not the one served before.
        "splitBrain    | down:critical cert_invalid:critical            | issuer_changed"
                + " | cert_invalid>down | down=critical[cert_invalid issuer_changed] | -",
        "-             | down:critical cert_invalid:critical            | issuer_changed | - | - | issuer_changed",
        // A newer certificate not served explains the expiry of the one served.
        "notServed     | cert_not_served cert_expiring:critical          | -"
                + " | cert_expiring>cert_not_served | cert_not_served=critical[cert_expiring] | -",
        "notServed     | cert_expiring                                  | renewal | - | - | renewal",
    })
    void causesExplainTheirSymptoms(String causes, String failing, String changes, String ledBy, String leads,
            String unexplained) {
        List<Signal> signals = new ArrayList<>();
        for (String entry : words(failing)) {
            String[] parts = entry.split(":");
            Severity severity = parts.length > 1 ? Severity.ofId(parts[1]) : Severity.WARNING;
            signals.add(new Signal(Condition.ofId(parts[0]), true, severity, parts[0], List.of(), Map.of()));
        }
        if (signals.stream().noneMatch(s -> s.condition() == Condition.DOWN)) {
            signals.add(new Signal(Condition.DOWN, false, Severity.CRITICAL, "up", List.of(), Map.of()));
        }
        List<CertEvent> events = words(changes).stream().map(kind -> new CertEvent(kind, Severity.WARNING, "api", API,
                SERVED, SERVED, kind, NOW)).toList();

        Incidents.Grouped grouped = Incidents.of(signals, events, status(words(causes)),
                words(causes).contains("splitBrain") ? FailureKind.SPLIT_BRAIN : null);

        assertEquals(words(ledBy), grouped.signals().stream().filter(s -> s.ledBy() != null)
                .map(s -> s.condition().id() + ">" + s.ledBy().id()).toList());
        Map<String, List<String>> explained = new TreeMap<>();
        grouped.explained().forEach((cause, list) -> explained.put(cause.id(),
                list.stream().map(CertEvent::message).toList()));
        String told = grouped.signals().stream()
                .filter(s -> !s.symptoms().isEmpty() || explained.containsKey(s.condition().id()))
                .map(s -> {
                    List<String> symptoms = new ArrayList<>(s.symptoms());
                    symptoms.addAll(explained.getOrDefault(s.condition().id(), List.of()));
                    return s.condition().id() + "=" + s.severity().id() + "[" + String.join(" ", symptoms) + "]";
                }).collect(Collectors.joining(" "));
        assertEquals(leads == null ? "" : leads, told);
        assertEquals(words(unexplained), grouped.unexplained().stream().map(CertEvent::kind).toList());
    }

    private static CertStatus status(List<String> causes) {
        List<Observation> three = List.of(SERVED, SERVED, SERVED);
        return new CertStatus(SERVED, List.of(USED_UP), "example.com", new LimitUsage(5, 45, null,
                LimitUsage.Level.OK), null,
                causes.contains("churn") ? new Churn(USED_UP, three, 89) : null,
                causes.contains("refusal") ? new Refusal(USED_UP, three) : null, null,
                causes.contains("notServed") ? new NotServed(SERVED, new Issuance("04", NOW.minus(Duration.ofHours(3)),
                        PAIR, "letsencrypt")) : null);
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.trim().split("\\s+")).toList();
    }
}
