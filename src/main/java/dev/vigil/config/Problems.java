package dev.vigil.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every error of one load so the user sees them all at once. Identical errors collapse, because a bad
 * value in {@code defaults} is met again for every probe that inherits it.
 */
final class Problems {
    private final Path file;
    private final Set<ConfigError> errors = new LinkedHashSet<>();

    Problems(Path file) {
        this.file = file;
    }

    void add(Located at, String message) {
        add(at.line(), at.column(), at.path(), message);
    }

    void add(int line, int column, String path, String message) {
        errors.add(new ConfigError(file, line, column, path, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the collected errors, in file order, if there are any. */
    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = errors.stream()
                    .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
                    .toList();
            throw new ConfigException(sorted);
        }
    }
}
