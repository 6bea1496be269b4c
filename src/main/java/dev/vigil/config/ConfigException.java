package dev.vigil.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file was rejected; holds every problem found, and its message lists them one per line. */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;
    private final int count;

    public ConfigException(List<ConfigError> errors) {
        this(errors, errors.size());
    }

    /**
     * @param errors the errors to show, the last of them perhaps a note on those left out
     * @param count  how many problems were found in all
     */
    ConfigException(List<ConfigError> errors, int count) {
        super(errors.stream().map(ConfigError::describe).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.count = count;
    }

    /** How many problems were found; more than {@link #errors()} holds when only the first ones are listed. */
    public int count() {
        return count;
    }

    /** The problems in file order. */
    public List<ConfigError> errors() {
        return errors;
    }
}
