package dev.vigil.output;

import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The message {@code vigil notify-test} sends through a route to show that the route works. */
public final class TestMessage {
    /** Stands in for the probe's name. */
    private static final String PROBE = "vigil";

    private TestMessage() {
    }

    /**
     * A {@link Notification.Type#TEST test} notification for {@code route}, saying what the route will receive; it
     * has no URL, labels or facts, severity info and sequence 0.
     *
     * @param hostName the host sending it, named in the summary
     */
    public static Notification of(Route route, String hostName, Instant at) {
        return new Notification(0, Notification.Type.TEST, PROBE, "", Map.of(), Condition.TEST, Severity.INFO,
                "Test message from Vigil on " + hostName + ": route '" + route.name() + "' works",
                List.of("This route receives alerts of " + severities(route) + ", from " + probes(route) + ".",
                        "Sent by vigil notify-test; nothing is wrong."),
                Map.of(), at, null);
    }

    private static String severities(Route route) {
        if (route.severities().isEmpty()) {
            return "every severity";
        }
        // Most severe first, as an operator reads a filter.
        return "severity " + route.severities().stream().sorted(Comparator.reverseOrder()).map(Severity::id)
                .collect(Collectors.joining(" or "));
    }

    private static String probes(Route route) {
        if (route.labels().isEmpty()) {
            return "every probe";
        }
        return "probes labelled " + route.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
