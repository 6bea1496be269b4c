package dev.vigil.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Where a node sits in the document: its parent's place and the key or index that leads from there. It is spelled
 * out ({@code $.probes[1]['X-Key']}) only when asked, so a tree of many values does not hold a path string for each.
 *
 * @param parent null for the root
 * @param key    the member's key, or null for an array item or the root
 * @param index  the array item's index, or -1
 */
record JsonPath(JsonPath parent, String key, int index) {
    static final JsonPath ROOT = new JsonPath(null, null, -1);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    JsonPath child(String name) {
        return new JsonPath(this, name, -1);
    }

    JsonPath item(int i) {
        return new JsonPath(this, null, i);
    }

    /** {@code .a}, or {@code ['X-Key']} when {@code key} is not an identifier. */
    static String step(String key) {
        return IDENTIFIER.matcher(key).matches() ? "." + key : "['" + key.replace("'", "\\'") + "']";
    }

    @Override
    public String toString() {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonPath p = this; p.parent != null; p = p.parent) {
            steps.push(p.key != null ? step(p.key) : "[" + p.index + "]");
        }
        return "$" + String.join("", steps);
    }
}
