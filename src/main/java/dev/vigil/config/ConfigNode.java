package dev.vigil.config;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;

/**
 * A parsed JSON value that remembers its JSON path and where it starts in the file, because Jackson's own tree
 * model forgets locations and every config error must point at one.
 */
sealed interface ConfigNode extends Located {

    /** Where the node sits; {@link #path()} spells it out. */
    JsonPath place();

    /** The JSON type as named in error messages: object, array, string, number, boolean or null. */
    String typeName();

    /** A JSON object; members keep file order, and a duplicated key keeps only its first occurrence. */
    record ObjectNode(JsonPath place, int line, int column, List<Member> members) implements ConfigNode {
        public ObjectNode {
            members = List.copyOf(members);
        }

        @Override
        public String path() {
            return place.toString();
        }

        /** The member named {@code key}, or null. */
        Member member(String key) {
            return members.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
        }

        /** The value of member {@code key}, or null. */
        ConfigNode get(String key) {
            Member m = member(key);
            return m == null ? null : m.value();
        }

        @Override
        public String typeName() {
            return "object";
        }
    }

    /** One {@code "key": value} pair; its location is the key's, so unknown-key errors point at the key. */
    record Member(String key, int line, int column, ConfigNode value) implements Located {
        @Override
        public String path() {
            return value.path();
        }
    }

    /** A JSON array. */
    record ArrayNode(JsonPath place, int line, int column, List<ConfigNode> items) implements ConfigNode {
        public ArrayNode {
            items = List.copyOf(items);
        }

        @Override
        public String path() {
            return place.toString();
        }

        @Override
        public String typeName() {
            return "array";
        }
    }

    /** A string, number, boolean or null; {@code text} is the string content or the literal as written. */
    record ValueNode(JsonPath place, int line, int column, JsonToken token, String text) implements ConfigNode {
        @Override
        public String path() {
            return place.toString();
        }

        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        @Override
        public String typeName() {
            return switch (token) {
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                default -> "null";
            };
        }
    }
}
