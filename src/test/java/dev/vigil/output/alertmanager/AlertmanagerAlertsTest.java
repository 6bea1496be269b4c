package dev.vigil.output.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.output.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A notification as one Alertmanager alert: labels, annotations and its time range. */
class AlertmanagerAlertsTest {
    private static final Instant NOW = Instant.parse("2025-06-22T10:05:00Z");
    private static final Duration RESEND = Duration.ofMinutes(1);

    @ParameterizedTest
    @CsvSource({
            "DOWN,            VigilDown",
            "CERT_INVALID,    VigilCertInvalid",
            "CERT_EXPIRING,   VigilCertExpiring",
            "CERT_CHANGED,    VigilCertChanged",
            "DUPLICATE_LIMIT, VigilDuplicateLimit",
            "CERT_CHURN,      VigilCertChurn",
            "CERT_NOT_SERVED, VigilCertNotServed",
            "DNS_LB_MISMATCH, VigilDnsLbMismatch",
            "TEST,            VigilTest"})
    void theAlertNameIsVigilAndTheConditionInCamelCase(Condition condition, String alertName) {
        assertEquals(alertName, AlertmanagerAlerts.alertName(condition));
    }

    @ParameterizedTest
    @CsvSource({
            "team,         team",
            "app.kubernetes.io/name, app_kubernetes_io_name",
            "9lives,       _9lives",
            "'',           _",
            "Zone-ID,      Zone_ID",
            "é,            _"})
    void aProbeLabelIsMadeAValidLabelName(String name, String valid) {
        assertEquals(valid, AlertmanagerAlerts.labelName(name));
    }

    @Test
    void labelsIdentifyTheAlertAndKeepVigilsOwnOverAProbesLabels() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("team", "ops");
        own.put("severity", "low");
        own.put("probe-name", "x");
        own.put("probe_name", "y");
        own.put("empty", "");
        Notification n = new Notification(3, Notification.Type.FIRING, "api", "https://api.example.com/health", own,
                Condition.DOWN, Severity.CRITICAL, "connection refused", List.of(), Map.of(), Notifications.AT, null);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("alertname", "VigilDown");
        expected.put("probe", "api");
        expected.put("instance", "https://api.example.com/health");
        expected.put("severity", "critical");
        expected.put("condition", "down");
        expected.put("probe_name", "x");
        expected.put("exported_probe_name", "y");
        expected.put("exported_severity", "low");
        expected.put("team", "ops");
        assertEquals(expected, AlertmanagerAlerts.labels(n));
    }

    @Test
    void anAlertCarriesTheSummaryDiagnosisAndFactsAsAnnotations() throws Exception {
        Notification n = new Notification(4, Notification.Type.FIRING, "api", "https://api.example.com/health",
                Map.of("env", "prod"), Condition.DOWN, Severity.CRITICAL, "DNS points elsewhere",
                List.of("api.example.com answers 10.0.0.9.", "Fix the record."), Map.of("DNS", "10.0.0.9"),
                Notifications.AT, null, List.of("connection refused"));

        String json = AlertmanagerAlerts.alert(n, Notifications.AT, NOW.plus(RESEND.multipliedBy(4)),
                "http://vigil:9116/").toString();

        assertEquals(new ObjectMapper().readTree("""
                {"labels": {"alertname": "VigilDown", "probe": "api", "instance": "https://api.example.com/health",
                            "severity": "critical", "condition": "down", "env": "prod"},
                 "annotations": {"summary": "DNS points elsewhere",
                                 "description": "api.example.com answers 10.0.0.9.\\nFix the record.\\nconnection refused",
                                 "facts": "DNS: 10.0.0.9"},
                 "startsAt": "2025-06-22T10:00:00Z", "endsAt": "2025-06-22T10:09:00Z",
                 "generatorURL": "http://vigil:9116/"}
                """), new ObjectMapper().readTree(json));
    }

    @Test
    void emptyAnnotationsTheTestsUrlAndAnUnknownGeneratorAreLeftOut() {
        Notification n = new Notification(0, Notification.Type.TEST, "vigil", "", Map.of(), Condition.TEST,
                Severity.INFO, "Test message", List.of(), Map.of(), Notifications.AT, null);

        String json = AlertmanagerAlerts.alert(n, Notifications.AT, NOW, null).toString();

        assertEquals("{\"labels\":{\"alertname\":\"VigilTest\",\"probe\":\"vigil\",\"severity\":\"info\","
                + "\"condition\":\"test\"},\"annotations\":{\"summary\":\"Test message\"},"
                + "\"startsAt\":\"2025-06-22T10:00:00Z\",\"endsAt\":\"2025-06-22T10:05:00Z\"}", json);
        assertFalse(json.contains("generatorURL"));
    }

    /** Times: a notification at 10:00 posted at 10:05, re-sent every minute; "since" is when the delivery saw it fire. */
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // type,  since,                 downFor, startsAt,               endsAt
            "FIRING,   -,                    -,       2025-06-22T10:00:00Z, 2025-06-22T10:09:00Z",
            "REMINDER, 2025-06-22T08:00:00Z, -,       2025-06-22T08:00:00Z, 2025-06-22T10:09:00Z",
            "REMINDER, -,                    -,       2025-06-22T10:00:00Z, 2025-06-22T10:09:00Z",
            "RESOLVED, 2025-06-22T08:00:00Z, PT3H,    2025-06-22T08:00:00Z, 2025-06-22T10:00:00Z",
            "RESOLVED, -,                    PT3H,    2025-06-22T07:00:00Z, 2025-06-22T10:00:00Z",
            "RESOLVED, 2025-06-22T11:00:00Z, -,       2025-06-22T10:00:00Z, 2025-06-22T10:00:00Z",
            "EVENT,    -,                    -,       2025-06-22T10:00:00Z, 2025-06-22T10:06:00Z",
            "TEST,     -,                    -,       2025-06-22T10:00:00Z, 2025-06-22T10:06:00Z"})
    void anAlertFiresForFourResendsResolvesWhenItDidAndAnEventForOne(Notification.Type type, Instant since,
            Duration downFor, Instant startsAt, Instant endsAt) {
        Notification n = new Notification(5, type, "api", "https://api.example.com/", Map.of(), Condition.DOWN,
                Severity.CRITICAL, "s", List.of(), Map.of(), Notifications.AT, downFor);

        assertEquals(startsAt, AlertmanagerAlerts.startsAt(n, since));
        assertEquals(endsAt, AlertmanagerAlerts.endsAt(n, NOW, RESEND));
    }
}
