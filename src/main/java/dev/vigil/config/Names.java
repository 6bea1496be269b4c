package dev.vigil.config;

import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The names a config gives things (probes, routes) and label names with their values, checked for form. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Problems problems;
    private final Typed typed;

    Names(Problems problems, Typed typed) {
        this.problems = problems;
        this.typed = typed;
    }

    /** The required key {@code name} of {@code object}, checked for form; null after reporting it. */
    String name(ObjectNode object) {
        ConfigNode node = typed.required(object, "name");
        String name = node == null ? null : typed.string(node);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(node, name.isEmpty() ? "name must not be empty" : "name '" + name + "' may only contain letters, digits, '.', '_' and '-'");
            return null;
        }
        return name;
    }

    /**
     * Reports {@code node}, whose value is the {@code what} name {@code name} (null: unread), when an earlier node
     * in {@code seen} has it already; remembers it otherwise.
     */
    void unique(Map<String, Located> seen, String what, String name, Located node) {
        Located first = name == null ? null : seen.putIfAbsent(name, node);
        if (first != null) {
            problems.add(node, "duplicate " + what + " name '" + name + "' (first used at line " + first.line() + ")");
        }
    }

    /** Whether {@code name} matches {@link #LABEL_NAME}; reports it at {@code at}, calling it {@code what}, when not. */
    boolean labelName(Located at, String what, String name) {
        boolean valid = LABEL_NAME.matcher(name).matches();
        if (!valid) {
            problems.add(at, what + " '" + name + "' must match " + LABEL_NAME.pattern());
        }
        return valid;
    }

    /**
     * The labels {@code members} hold, in order. Reports names that do not match {@link #LABEL_NAME} or that
     * {@code refusal} refuses (it returns why, or null), and values that are not strings.
     */
    Map<String, String> labels(Collection<Member> members, Function<String, String> refusal) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Member member : members) {
            String name = member.key();
            String refused = refusal.apply(name);
            if (refused != null) {
                problems.add(member, refused);
            } else {
                labelName(member, "label name", name);
            }
            String value = typed.string(member.value());
            if (value != null) {
                labels.put(name, value);
            }
        }
        return labels;
    }
}
