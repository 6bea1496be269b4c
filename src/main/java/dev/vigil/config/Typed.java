package dev.vigil.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import dev.vigil.time.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a node as one JSON type, reporting "expected …, got …" and returning null when it is another. The message
 * names only the type found, never the value, so a misplaced secret cannot leak through it. Also reads values
 * written as strings (durations, enum constants) and reports what their parsers reject; those messages quote the
 * string, so they are not for header values.
 */
final class Typed {
    private final Problems problems;

    Typed(Problems problems) {
        this.problems = problems;
    }

    String string(ConfigNode node) {
        return node instanceof ValueNode v && v.isString() ? v.text() : mismatch(node, "a string");
    }

    Boolean bool(ConfigNode node) {
        if (node instanceof ValueNode v && (v.token() == JsonToken.VALUE_TRUE || v.token() == JsonToken.VALUE_FALSE)) {
            return v.token() == JsonToken.VALUE_TRUE;
        }
        return mismatch(node, "a boolean");
    }

    /** An integral number that fits in a long; a fraction is reported as a mismatch. */
    Long integer(ConfigNode node) {
        if (node instanceof ValueNode v && v.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                return Long.parseLong(v.text());
            } catch (NumberFormatException e) {
                problems.add(node, "number " + v.text() + " is too large");
                return null;
            }
        }
        return mismatch(node, "an integer");
    }

    /** An integer of at least {@code min} that fits in an int. */
    Integer integer(ConfigNode node, int min) {
        Long value = integer(node);
        if (value != null && (value < min || value > Integer.MAX_VALUE)) {
            problems.add(node, value > Integer.MAX_VALUE ? "must be at most " + Integer.MAX_VALUE
                    : min == 0 ? "must not be negative, got " + value : "must be at least " + min + ", got " + value);
            return null;
        }
        return value == null ? null : value.intValue();
    }

    /** Any number, integral or not. */
    Double number(ConfigNode node) {
        if (node instanceof ValueNode v && (v.token() == JsonToken.VALUE_NUMBER_INT || v.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            return Double.parseDouble(v.text());
        }
        return mismatch(node, "a number");
    }

    Duration duration(ConfigNode node) {
        return parsed(node, Durations::parse);
    }

    /** The constant of {@code values} whose lowercase name is the string {@code node}; {@code key} names it in errors. */
    <E extends Enum<E>> E choice(ConfigNode node, String key, E[] values) {
        return parsed(node, text -> Arrays.stream(values).filter(v -> id(v).equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(key + " must be one of "
                        + Arrays.stream(values).map(Typed::id).collect(Collectors.joining(", ")) + "; got '" + text + "'")));
    }

    private static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Parses a string node with {@code parse}, reporting its {@link IllegalArgumentException} message. */
    <T> T parsed(ConfigNode node, Function<String, T> parse) {
        String text = string(node);
        return text == null ? null : attempt(node, () -> parse.apply(text));
    }

    /** The value {@code make} returns, or null after reporting its {@link IllegalArgumentException} at {@code node}. */
    <T> T attempt(Located node, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
            return null;
        }
    }

    /** Every item of {@code array} read by {@code readItem}; null when the array is null or any item was reported. */
    <T> List<T> list(ArrayNode array, Function<ConfigNode, T> readItem) {
        if (array == null) {
            return null;
        }
        List<T> items = array.items().stream().map(readItem).toList();
        return items.stream().allMatch(Objects::nonNull) ? items : null;
    }

    /** The value of the key {@code key} of {@code object}; null after reporting that it is missing. */
    ConfigNode required(ObjectNode object, String key) {
        ConfigNode node = object.get(key);
        if (node == null) {
            problems.add(object, "missing required key '" + key + "'");
        }
        return node;
    }

    ObjectNode object(ConfigNode node) {
        return node instanceof ObjectNode o ? o : mismatch(node, "an object");
    }

    ArrayNode array(ConfigNode node) {
        return node instanceof ArrayNode a ? a : mismatch(node, "an array");
    }

    /** Reports that {@code node} is not {@code expected} (e.g. "a string") and returns null. */
    <T> T mismatch(ConfigNode node, String expected) {
        problems.add(node, "expected " + expected + ", got " + node.typeName());
        return null;
    }
}
