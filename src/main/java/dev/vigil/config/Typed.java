package dev.vigil.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;

/**
 * Reads a node as one JSON type, reporting "expected …, got …" and returning null when it is another. The message
 * names only the type found, never the value, so a misplaced secret cannot leak through it.
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
