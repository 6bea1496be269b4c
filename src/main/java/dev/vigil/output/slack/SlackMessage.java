package dev.vigil.output.slack;

import static dev.vigil.output.slack.SlackText.clip;
import static dev.vigil.output.slack.SlackText.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.time.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A notification as a Slack incoming-webhook message: Block Kit {@code blocks} and a plain {@code text} fallback,
 * which Slack shows in notifications and where blocks cannot be shown.
 *
 * <p>Title, by type and severity: 🔴 a critical alert fires or a critical event; ⚠️ a warning fires or a warning
 * event; ℹ️ an info alert or event (certificate renewals); 🔁 a reminder, whatever its severity (the context line
 * says which); ✅ resolved; 🧪 a test message from {@code vigil notify-test}. The route's
 * {@link SlackRoute#mention() mention} goes first on critical firing messages and critical events only: reminders and
 * resolutions do not page anyone again, and a test pages nobody.
 *
 * <p>Blocks: a header ({@code 🔴 Firing · api · down}); a section with the mention, the summary in bold (which names
 * the failure kind, or the cause of an incident), the probe's URL and, when resolved, {@code Down for 1h 3m}; the
 * details as bulleted sections; the symptoms a cause explains as bulleted sections under {@code Symptoms};
 * the facts as two-column fields (Issuer, Serial, Expires…); a context line with condition, severity, sequence, time
 * and labels. Slack's limits hold whatever the input: at most {@value #MAX_BLOCKS} blocks, a text at most
 * {@value #MAX_TEXT} characters, a field at most {@value #MAX_FIELD_TEXT}, at most {@value #MAX_FIELDS} fields per
 * section, a header at most {@value #MAX_HEADER}; what is cut ends with {@code … (truncated)}.
 */
final class SlackMessage {
    /** Blocks per message. */
    public static final int MAX_BLOCKS = 50;
    /** Characters in a section's text, a context's text and the fallback. */
    public static final int MAX_TEXT = 3000;
    /** Characters in one field. */
    public static final int MAX_FIELD_TEXT = 2000;
    /** Fields per section. */
    public static final int MAX_FIELDS = 10;
    /** Characters in the header. */
    public static final int MAX_HEADER = 150;
    /** Blocks that are always there: header, main section, context. */
    private static final int FIXED_BLOCKS = 3;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SlackMessage() {
    }

    /** The webhook's request body for {@code n} sent by {@code route}. */
    public static ObjectNode render(Notification n, SlackRoute route) {
        String mention = mentions(n) && route.mention() != null ? route.mention() + " " : "";
        String title = emoji(n) + " " + word(n.type()) + " · " + n.probe() + " · " + conditionTitle(n);
        ObjectNode message = JSON.objectNode();
        message.put("text", clip(mention + escape(title + ": " + n.summary() + downFor(n, " (down for ", ")")),
                MAX_TEXT));
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", plain(clip(title, MAX_HEADER)));
        blocks.add(section(mention + mainText(n)));
        List<ObjectNode> content = new ArrayList<>(detailSections(n.details(), ""));
        content.addAll(detailSections(n.symptoms(), "*Symptoms*"));
        content.addAll(factSections(n.facts()));
        int room = MAX_BLOCKS - FIXED_BLOCKS;
        if (content.size() > room) {
            int dropped = content.size() - (room - 1);
            content = new ArrayList<>(content.subList(0, room - 1));
            content.add(context("… (" + dropped + " more blocks truncated)"));
        }
        blocks.addAll(content);
        blocks.add(context(contextText(n)));
        return message;
    }

    private static boolean mentions(Notification n) {
        return n.severity() == Severity.CRITICAL
                && (n.type() == Notification.Type.FIRING || n.type() == Notification.Type.EVENT);
    }

    private static String emoji(Notification n) {
        return switch (n.type()) {
            case RESOLVED -> "✅";
            case REMINDER -> "🔁";
            case TEST -> "🧪";
            case FIRING, EVENT -> switch (n.severity()) {
                case CRITICAL -> "🔴";
                case WARNING -> "⚠️";
                case INFO -> "ℹ️";
            };
        };
    }

    private static String word(Notification.Type type) {
        return switch (type) {
            case FIRING -> "Firing";
            case REMINDER -> "Still firing";
            case RESOLVED -> "Resolved";
            case EVENT -> "Event";
            case TEST -> "Test";
        };
    }

    private static String conditionTitle(Notification n) {
        return switch (n.condition()) {
            case DOWN -> "down";
            case CERT_INVALID -> "certificate invalid";
            case CERT_EXPIRING -> "certificate expiring";
            case CERT_CHANGED -> "certificate changed";
            case DUPLICATE_LIMIT -> "duplicate-certificate limit";
            case CERT_CHURN -> "certificate re-issued on every restart";
            case CERT_NOT_SERVED -> "newer certificate not served";
            case DNS_LB_MISMATCH -> "DNS not pointing at the load balancer";
            case LB_CHANGED -> "load balancer moved, DNS still on the old address";
            case LB_GONE -> "load balancer deleted, DNS still on its address";
            case TEST -> "test message";
        };
    }

    /** {@code before + "1h 3m" + after} for a resolved notification that says how long it was down, else empty. */
    private static String downFor(Notification n, String before, String after) {
        return n.downFor() == null ? "" : before + Durations.human(Math.max(0, n.downFor().toSeconds())) + after;
    }

    private static String mainText(Notification n) {
        List<String> lines = new ArrayList<>();
        if (!n.summary().isBlank()) {
            lines.add("*" + escape(n.summary().strip()) + "*");
        }
        if (!n.url().isBlank()) {
            lines.add(escape(n.url()));
        }
        lines.add(escape(downFor(n, "Down for ", "")));
        return String.join("\n", lines.stream().filter(line -> !line.isEmpty()).toList());
    }

    /** {@code lines} as bulleted lines under {@code heading} (when not empty), in as few sections as the limit allows. */
    private static List<ObjectNode> detailSections(List<String> lines, String heading) {
        List<ObjectNode> sections = new ArrayList<>();
        StringBuilder text = new StringBuilder(lines.isEmpty() ? "" : heading);
        for (String detail : lines) {
            String line = clip("• " + escape(detail), MAX_TEXT);
            if (!text.isEmpty() && text.length() + 1 + line.length() > MAX_TEXT) {
                sections.add(section(text.toString()));
                text.setLength(0);
            }
            text.append(text.isEmpty() ? "" : "\n").append(line);
        }
        if (!text.isEmpty()) {
            sections.add(section(text.toString()));
        }
        return sections;
    }

    /** The facts as {@code *Label*\nvalue} fields, {@value #MAX_FIELDS} per section. */
    private static List<ObjectNode> factSections(Map<String, String> facts) {
        List<ObjectNode> sections = new ArrayList<>();
        ArrayNode fields = null;
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            if (fields == null || fields.size() == MAX_FIELDS) {
                ObjectNode section = JSON.objectNode().put("type", "section");
                fields = section.putArray("fields");
                sections.add(section);
            }
            fields.add(mrkdwn(clip("*" + escape(fact.getKey()) + "*\n" + escape(String.valueOf(fact.getValue())),
                    MAX_FIELD_TEXT)));
        }
        return sections;
    }

    private static String contextText(Notification n) {
        String labels = n.labels().entrySet().stream()
                .map(label -> escape(label.getKey() + "=" + label.getValue()))
                .collect(Collectors.joining(", "));
        return "`" + n.condition().id() + "` · " + n.severity().id() + " · #" + n.sequence() + " · " + n.at()
                + (labels.isEmpty() ? "" : " · " + labels);
    }

    private static ObjectNode section(String text) {
        ObjectNode section = JSON.objectNode().put("type", "section");
        section.set("text", mrkdwn(clip(text, MAX_TEXT)));
        return section;
    }

    private static ObjectNode context(String text) {
        ObjectNode context = JSON.objectNode().put("type", "context");
        context.putArray("elements").add(mrkdwn(clip(text, MAX_TEXT)));
        return context;
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.objectNode().put("type", "mrkdwn").put("text", text);
    }

    private static ObjectNode plain(String text) {
        return JSON.objectNode().put("type", "plain_text").put("text", text).put("emoji", true);
    }
}
