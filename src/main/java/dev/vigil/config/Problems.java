package dev.vigil.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every error of one load so the user sees them all at once. Identical errors collapse, because a bad
 * value in {@code defaults} is met again for every probe that inherits it. What is kept is bounded: the first
 * {@value #MAX_LISTED} errors, each message and path at most {@value #MAX_TEXT} characters, and a count of the rest,
 * so a hostile file cannot turn into an unbounded report. Control characters a key or value may hold are escaped, so
 * each error stays one line and cannot drive the terminal.
 */
final class Problems {
    static final int MAX_LISTED = 100;
    static final int MAX_TEXT = 500;
    /** Characters kept from each end of a shortened text: the end usually says what is wrong. */
    private static final int KEPT = 200;

    private final Path file;
    private final Set<ConfigError> errors = new LinkedHashSet<>();
    private ConfigError firstUnlisted;
    private int unlisted;

    Problems(Path file) {
        this.file = file;
    }

    void add(Located at, String message) {
        add(at.line(), at.column(), at.path(), message);
    }

    void add(int line, int column, String path, String message) {
        ConfigError error = new ConfigError(file, line, column, printable(shorten(path)), printable(shorten(message)));
        if (errors.size() < MAX_LISTED || errors.contains(error)) {
            errors.add(error);
        } else if (unlisted++ == 0) {
            firstUnlisted = error;
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the collected errors, in file order, if there are any; a note on those not listed comes last. */
    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(errors.stream()
                    .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
                    .toList());
            int count = sorted.size() + unlisted;
            if (unlisted > 0) {
                sorted.add(new ConfigError(file, firstUnlisted.line(), firstUnlisted.column(), firstUnlisted.jsonPath(),
                        unlisted + " more error(s) not listed, the first of them here"));
            }
            throw new ConfigException(sorted, count);
        }
    }

    /** {@code text} with each control character written as a JSON escape, e.g. {@code \n} or {@code \u001b}. */
    static String printable(String text) {
        if (text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> out.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
                : Character.isISOControl(c) ? "\\u%04x".formatted(c) : String.valueOf((char) c)));
        return out.toString();
    }

    /** {@code text}, or its two ends around a note of how much was left out when it is longer than {@link #MAX_TEXT}. */
    static String shorten(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, KEPT) + "… (" + (text.length() - 2 * KEPT) + " characters left out) …"
                + text.substring(text.length() - KEPT);
    }
}
