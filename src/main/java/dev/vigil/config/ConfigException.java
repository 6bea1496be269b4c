package dev.vigil.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file was rejected; holds every problem found, and its message lists them one per line. */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::describe).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The problems in file order. */
    public List<ConfigError> errors() {
        return errors;
    }
}
