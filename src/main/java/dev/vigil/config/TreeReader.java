package dev.vigil.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads strict JSON with Jackson's streaming parser into a {@link ConfigNode} tree that keeps locations. The tree is
 * bounded in depth, so no recursive walk over it can overflow the stack, and in tokens and value lengths, so it fits
 * the agent's small heap; whatever exceeds a bound is one located error.
 */
final class TreeReader {
    /** Levels of objects and arrays; a config needs about six. */
    static final int MAX_DEPTH = 64;
    /** JSON tokens (brackets, keys and values): 10,000 probes of about 20 each fit, and the tree fits a 64 MiB heap. */
    static final int MAX_TOKENS = 250_000;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 1 << 20;
    static final int MAX_KEY_LENGTH = 1024;
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH + 1) // ours is met first and located; this is a backstop
            .maxTokenCount(MAX_TOKENS)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_KEY_LENGTH)
            .build()).build();
    private static final String NAME_LIMIT = "Name length";
    /** Jackson's words for its limits, by the start of its message, and ours. */
    private static final Map<String, String> LIMITS = Map.of(
            "Token count", "more than " + MAX_TOKENS + " JSON tokens",
            "Number value length", "the number is longer than " + MAX_NUMBER_LENGTH + " characters",
            "String value length", "the string is longer than " + MAX_STRING_LENGTH + " characters",
            NAME_LIMIT, "a key is longer than " + MAX_KEY_LENGTH + " characters",
            "Document nesting depth", "nested deeper than " + MAX_DEPTH + " levels");
    // Jackson embeds a nested location like "[Source: REDACTED ...; line: 1, column: 1]" in some messages.
    private static final Pattern NESTED_SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private final Problems problems;

    TreeReader(Problems problems) {
        this.problems = problems;
    }

    /** Thrown after reporting a problem that makes the rest of the document unreadable. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    /**
     * The document's root, or null after reporting a syntax error or an exceeded bound (the rest of such a file
     * cannot be trusted).
     */
    ConfigNode read(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            return document(p);
        } catch (Abandoned e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private ConfigNode document(JsonParser p) throws IOException {
        try {
            if (p.nextToken() == null) {
                problems.add(1, 1, "$", "the file is empty; expected a JSON object");
                return null;
            }
            ConfigNode root = value(p, JsonPath.ROOT, 1);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "$", "unexpected content after the end of the document");
                return null;
            }
            return root;
        } catch (StreamConstraintsException e) {
            // Jackson locates none of these. A value is blamed on its key; a key too long to read, on its object.
            boolean key = e.getOriginalMessage().startsWith(NAME_LIMIT);
            JsonLocation at = key ? p.currentLocation() : p.currentTokenLocation();
            String path = key ? pathOf(p.getParsingContext().getParent()) : pathOf(p.getParsingContext());
            problems.add(at.getLineNr(), at.getColumnNr(), path, "too large: " + limit(e.getOriginalMessage()));
            return null;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() == null ? p.currentTokenLocation() : e.getLocation();
            String message = NESTED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
            problems.add(at.getLineNr(), at.getColumnNr(), pathOf(p.getParsingContext()), "invalid JSON: " + message);
            return null;
        }
    }

    /** Our words for the limit Jackson's {@code message} reports. */
    static String limit(String message) {
        return LIMITS.entrySet().stream().filter(e -> message.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseGet(() -> message.replaceAll(",? from `?[A-Za-z.()]+`?\\)", ")"));
    }

    private ConfigNode value(JsonParser p, JsonPath path, int depth) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
            problems.add(line, column, path.toString(), "nested deeper than " + MAX_DEPTH + " levels; a config needs far fewer");
            throw new Abandoned();
        }
        return switch (token) {
            case START_OBJECT -> new ObjectNode(path, line, column, members(p, path, depth));
            case START_ARRAY -> new ArrayNode(path, line, column, items(p, path, depth));
            default -> new ValueNode(path, line, column, token, p.getText());
        };
    }

    private List<Member> members(JsonParser p, JsonPath path, int depth) throws IOException {
        List<Member> members = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            p.nextToken();
            Member member = new Member(key, at.getLineNr(), at.getColumnNr(), value(p, path.child(key), depth + 1));
            Integer first = firstLine.putIfAbsent(key, member.line());
            if (first == null) {
                members.add(member);
            } else {
                problems.add(member, "duplicate key '" + key + "' (first at line " + first + ")");
            }
        }
        return members;
    }

    private List<ConfigNode> items(JsonParser p, JsonPath path, int depth) throws IOException {
        List<ConfigNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(p, path.item(items.size()), depth + 1));
        }
        return items;
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                steps.push(JsonPath.step(c.getCurrentName()));
            }
        }
        return "$" + String.join("", steps);
    }
}
