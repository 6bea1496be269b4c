package dev.vigil.agent;

import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import java.nio.file.Path;

/** Where the agent's config comes from: {@code ConfigLoader::load} when running, a fake of our own in tests. */
@FunctionalInterface
public interface ConfigSource {
    /** Reads and validates {@code file}. */
    VigilConfig load(Path file) throws ConfigException;
}
