package dev.vigil.cli;

import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** How the commands that need a valid config say it is not: a count, what follows from it, then each error located. */
final class ConfigErrors {
    private ConfigErrors() {
    }

    /** E.g. {@code probes.json: 2 error(s); not starting}, then one line per error. */
    static void print(PrintWriter err, Path file, ConfigException e, String consequence) {
        err.println(file + ": " + e.count() + " error(s); " + consequence);
        e.errors().stream().map(ConfigError::describe).forEach(err::println);
        err.flush();
    }
}
