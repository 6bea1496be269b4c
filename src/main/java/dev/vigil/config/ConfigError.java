package dev.vigil.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem in a config file.
 *
 * @param file     the config file as it was given to the loader
 * @param line     1-based line, or 0 when the problem concerns the whole file (e.g. it cannot be read)
 * @param column   1-based column, or 0 with {@code line}
 * @param jsonPath where in the document, e.g. {@code $.probes[1].timeout}
 * @param message  what is wrong; never contains a header value or another secret
 */
public record ConfigError(Path file, int line, int column, String jsonPath, String message) {
    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(message, "message");
    }

    /** The error as one line, e.g. {@code probes.json:12:7: $.probes[1].timeot: unknown key 'timeot' (did you mean 'timeout'?)}. */
    public String describe() {
        String where = line > 0 ? file + ":" + line + ":" + column : file.toString();
        return where + ": " + jsonPath + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
