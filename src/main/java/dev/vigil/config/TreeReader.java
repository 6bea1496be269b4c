package dev.vigil.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
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

/** Reads strict JSON with Jackson's streaming parser into a {@link ConfigNode} tree that keeps locations. */
final class TreeReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // Jackson embeds a nested location like "[Source: REDACTED ...; line: 1, column: 1]" in some messages.
    private static final Pattern NESTED_SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private final Problems problems;

    TreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or null after reporting a syntax error (the rest of a broken file cannot be trusted). */
    ConfigNode read(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            return document(p);
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
            ConfigNode root = value(p, "$");
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "$", "unexpected content after the end of the document");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = NESTED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
            problems.add(at.getLineNr(), at.getColumnNr(), pathOf(p.getParsingContext()), "invalid JSON: " + message);
            return null;
        }
    }

    /** The path of member {@code key} below {@code parent}: {@code $.a.b}, or {@code $.a['X-Key']} when not an identifier. */
    static String childPath(String parent, String key) {
        return IDENTIFIER.matcher(key).matches() ? parent + "." + key : parent + "['" + key.replace("'", "\\'") + "']";
    }

    private ConfigNode value(JsonParser p, String path) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        return switch (p.currentToken()) {
            case START_OBJECT -> new ObjectNode(path, line, column, members(p, path));
            case START_ARRAY -> new ArrayNode(path, line, column, items(p, path));
            default -> new ValueNode(path, line, column, p.currentToken(), p.getText());
        };
    }

    private List<Member> members(JsonParser p, String path) throws IOException {
        List<Member> members = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            p.nextToken();
            Member member = new Member(key, at.getLineNr(), at.getColumnNr(), value(p, childPath(path, key)));
            Integer first = firstLine.putIfAbsent(key, member.line());
            if (first == null) {
                members.add(member);
            } else {
                problems.add(member, "duplicate key '" + key + "' (first at line " + first + ")");
            }
        }
        return members;
    }

    private List<ConfigNode> items(JsonParser p, String path) throws IOException {
        List<ConfigNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(p, path + "[" + items.size() + "]"));
        }
        return items;
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                steps.push(childPath("", c.getCurrentName()));
            }
        }
        return "$" + String.join("", steps);
    }
}
