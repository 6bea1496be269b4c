package dev.vigil.alert;

import dev.vigil.cert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send about an alert: what every output (Slack, a JSON webhook) renders in its own way.
 *
 * @param sequence  increasing per agent state, so outputs keep order and the state file can tell sent from pending
 * @param type      firing, reminder, resolved, a one-off event, or a test of a route
 * @param probe     the probe's name; {@code vigil} in a test message
 * @param url       the probe's URL; empty in a test message
 * @param labels    the probe's own labels, for routing filters
 * @param condition what it is about
 * @param severity  how bad; a resolved message carries the severity it had while firing
 * @param summary   one line
 * @param details   sentences saying why and what to do
 * @param facts     labelled facts, in order
 * @param at        when it happened
 * @param downFor   for a resolved message, how long the alert was failing; null otherwise
 * @param symptoms  what the cause in the summary explains, one line each, told under it; empty when the alert
 *                  speaks for itself
 */
public record Notification(long sequence, Type type, String probe, String url, Map<String, String> labels,
        Condition condition, Severity severity, String summary, List<String> details, Map<String, String> facts,
        Instant at, Duration downFor, List<String> symptoms) {
    /** What kind of message it is. */
    public enum Type {
        FIRING, REMINDER, RESOLVED, EVENT,
        /** Only in messages sent by {@code vigil notify-test}: a route's test, not about any alert. */
        TEST;

        /** The type as written in the state file and messages, e.g. {@code firing}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type whose {@link #id()} is {@code id}. */
        public static Type ofId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public Notification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(at, "at");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        details = List.copyOf(details);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        symptoms = List.copyOf(symptoms);
    }

    /** A notification without symptoms: an alert that speaks for itself, an event, a resolution or a test. */
    public Notification(long sequence, Type type, String probe, String url, Map<String, String> labels,
            Condition condition, Severity severity, String summary, List<String> details, Map<String, String> facts,
            Instant at, Duration downFor) {
        this(sequence, type, probe, url, labels, condition, severity, summary, details, facts, at, downFor, List.of());
    }
}
