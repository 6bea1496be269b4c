package dev.vigil.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A strict reader over a streaming JSON parser: each value is checked as it is read, and a value of the wrong type,
 * a missing field or broken JSON is a {@link StateCorruptException} naming the JSON path, e.g.
 * {@code $.endpoints[3].observations[0].notAfter}. One instance per document.
 */
final class JsonCursor {
    private static final int QUOTED_VALUE_LIMIT = 60;

    private final JsonParser in;
    private final long length;
    private final Path file;
    /**
     * One instance of each string read: issuers, names and serials recur throughout a file, and sharing them keeps a
     * loaded state of 10,000 endpoints at half the heap, within the agent's small one.
     */
    private final Map<String, String> strings = new HashMap<>();

    /** Reads {@code length} bytes from {@code in}, the content of {@code file}. */
    JsonCursor(JsonParser in, long length, Path file) {
        this.in = in;
        this.length = length;
        this.file = file;
    }

    /** The whole document, which {@code root} reads from its first token; nothing may follow it. */
    <T> T readDocument(Element<T> root) throws IOException {
        try {
            in.nextToken();
            T value = root.read();
            if (in.nextToken() != null) {
                throw corrupt("$", "unexpected " + found() + " after the end of the document");
            }
            return value;
        } catch (JsonProcessingException e) {
            boolean truncated = in.currentLocation().getByteOffset() >= length;
            String problem = truncated ? "the file ends early" : "not valid JSON: " + e.getOriginalMessage();
            throw new StateCorruptException(corruptMessage(path(), problem), e);
        }
    }

    /** Moves to the next element of the array the cursor is in; false at its end. */
    boolean nextElement() throws IOException {
        return in.nextToken() != JsonToken.END_ARRAY;
    }

    /** Passes over the current value, with all it contains. */
    void skipValue() throws IOException {
        in.skipChildren();
    }

    void startObject() throws StateCorruptException {
        expect(JsonToken.START_OBJECT, "an object");
    }

    void startArray() throws StateCorruptException {
        expect(JsonToken.START_ARRAY, "an array");
    }

    boolean isNull() {
        return in.currentToken() == JsonToken.VALUE_NULL;
    }

    /** One value read at the cursor, starting at its current token. */
    interface Element<T> {
        T read() throws IOException;
    }

    <T> List<T> list(Element<T> element) throws IOException {
        startArray();
        List<T> values = new ArrayList<>();
        while (nextElement()) {
            values.add(element.read());
        }
        return values;
    }

    List<String> strings() throws IOException {
        return list(this::string);
    }

    /** A string value, the same instance as an equal one read before. */
    String string() throws IOException {
        String text = unsharedString();
        String known = strings.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    /** A string value that is parsed further or never recurs, such as a fingerprint: not worth sharing. */
    String unsharedString() throws IOException {
        expect(JsonToken.VALUE_STRING, "a string");
        return in.getText();
    }

    int integer() throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
            throw typeError("an integer");
        }
        return in.getIntValue();
    }

    /** An integer that may exceed an int, such as a sequence number. */
    long longInteger() throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT
                || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw typeError("an integer");
        }
        return in.getLongValue();
    }

    boolean bool() throws IOException {
        if (!in.currentToken().isBoolean()) {
            throw typeError("true or false");
        }
        return in.getBooleanValue();
    }

    Instant instant() throws IOException {
        String text = unsharedString();
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupt(path(), "expected an ISO-8601 instant such as 2026-11-25T03:00:00Z, found " + found());
        }
    }

    /** A duration as {@link Duration#toString()} writes it, e.g. {@code PT1H30M}. */
    Duration duration() throws IOException {
        String text = unsharedString();
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupt(path(), "expected an ISO-8601 duration such as PT1H30M, found " + found());
        }
    }

    /** An object of string values, in order. */
    Map<String, String> stringMap() throws IOException {
        startObject();
        Map<String, String> values = new LinkedHashMap<>();
        for (String field; (field = nextField()) != null; ) {
            if (values.putIfAbsent(field, string()) != null) {
                throw corrupt(path(), "a second value for the key " + quoted(field));
            }
        }
        return values;
    }

    /** The value {@code element} reads, or empty when it is null. */
    <T> Optional<T> nullable(Element<T> element) throws IOException {
        return isNull() ? Optional.empty() : Optional.of(element.read());
    }

    <E> E id(Function<String, E> ofId, String what) throws IOException {
        String id = unsharedString();
        try {
            return ofId.apply(id);
        } catch (IllegalArgumentException e) {
            throw corrupt(path(), "unknown " + what + " " + found());
        }
    }

    /** The next field's name, with the parser moved on to its value; null at the end of the object. */
    String nextField() throws IOException {
        if (in.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = in.currentName();
        in.nextToken();
        return name;
    }

    private void expect(JsonToken token, String description) throws StateCorruptException {
        if (in.currentToken() != token) {
            throw typeError(description);
        }
    }

    /** {@code value}, read from a field the object just ended must have; null when the field was not there. */
    <T> T required(T value, String field) throws StateCorruptException {
        if (value == null) {
            throw corrupt(path() + "." + field, "missing");
        }
        return value;
    }

    /** A field that may be null but not missing, read with {@link #nullable}: its value, or null. */
    <T> T requiredNullable(Optional<T> value, String field) throws StateCorruptException {
        return required(value, field).orElse(null);
    }

    private StateCorruptException typeError(String expected) {
        return corrupt(path(), "expected " + expected + ", found " + found());
    }

    StateCorruptException corrupt(String jsonPath, String problem) {
        return new StateCorruptException(corruptMessage(jsonPath, problem), null);
    }

    private String corruptMessage(String jsonPath, String problem) {
        return "state file " + file + " is corrupt at " + jsonPath + ": " + problem;
    }

    /** The current token as a message shows it. */
    private String found() {
        JsonToken token = in.currentToken();
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> quoted(text());
            default -> text();
        };
    }

    private String text() {
        try {
            return in.getText();
        } catch (IOException e) {
            return in.currentToken().toString();
        }
    }

    private static String quoted(String value) {
        String shown = value.length() > QUOTED_VALUE_LIMIT ? value.substring(0, QUOTED_VALUE_LIMIT) + "…" : value;
        return "\"" + shown + "\"";
    }

    /** The JSON path of the current value, e.g. {@code $.endpoints[3].port}; of an object just ended, after its end. */
    String path() {
        StringBuilder path = new StringBuilder();
        appendPath(path, in.getParsingContext());
        return path.toString();
    }

    private static void appendPath(StringBuilder path, JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            path.append('$');
            return;
        }
        appendPath(path, context.getParent());
        if (context.inArray()) {
            path.append('[').append(Math.max(context.getCurrentIndex(), 0)).append(']');
        } else if (context.getCurrentName() != null) {
            path.append('.').append(context.getCurrentName());
        }
    }
}
