package dev.vigil.output;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample notifications for output tests. */
public final class Notifications {
    public static final Instant AT = Instant.parse("2025-06-22T10:00:00Z");

    private Notifications() {
    }

    /** A critical DOWN alert of probe {@code api} firing. */
    public static Notification firing(long sequence) {
        return down(sequence, Notification.Type.FIRING, null);
    }

    /** The same alert resolved after {@code downFor}. */
    public static Notification resolved(long sequence, Duration downFor) {
        return down(sequence, Notification.Type.RESOLVED, downFor);
    }

    /** A certificate alert with facts, of {@code type} and {@code severity}. */
    public static Notification cert(Notification.Type type, Severity severity) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Issuer", "R11");
        facts.put("Serial", "04:a1");
        facts.put("Expires", "2025-07-01T00:00:00Z");
        return new Notification(7, type, "shop", "https://shop.example.com/", Map.of("team", "web"),
                Condition.CERT_EXPIRING, severity, "certificate expires in 9 days", List.of("Renew it."), facts, AT,
                null);
    }

    private static Notification down(long sequence, Notification.Type type, Duration downFor) {
        return new Notification(sequence, type, "api", "https://api.example.com/health", Map.of("env", "prod"),
                Condition.DOWN, Severity.CRITICAL, "connection refused",
                List.of("Nothing listens on 10.0.0.1:443.", "Check that the service runs."),
                Map.of("DNS", "api.example.com -> 10.0.0.1"), AT, downFor);
    }
}
