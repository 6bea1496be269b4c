package dev.vigil.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small config files for tests; single quotes in the text become double quotes to keep Java literals readable. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Path write(Path dir, String json) {
        try {
            return Files.writeString(dir.resolve("probes.json"), json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
