package dev.vigil.config;

import dev.vigil.net.TrustStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Files a config names: resolved against the config file's folder and checked to be usable when it is loaded. */
final class ConfigPaths {
    private final Problems problems;
    private final Typed typed;
    private final Path baseDir;
    /** A CA file named in defaults is checked once per load, not once per probe that inherits it. */
    private final Map<Path, String> pemProblems = new HashMap<>();

    ConfigPaths(Problems problems, Typed typed, Path baseDir) {
        this.problems = problems;
        this.typed = typed;
        this.baseDir = baseDir;
    }

    /** The readable regular file the string {@code node} names; null after reporting it. Errors name {@code key}. */
    Path readable(ConfigNode node, String key) {
        String text = typed.string(node);
        if (text == null) {
            return null;
        }
        Path file = baseDir.resolve(text).normalize();
        if (text.isEmpty() || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add(node, key + " '" + text + "' is not a readable file (relative paths resolve against the config file's folder)");
            return null;
        }
        return file;
    }

    /** As {@link #readable}, and it must hold PEM certificates usable as a trust store. */
    Path caBundle(ConfigNode node, String key) {
        Path file = readable(node, key);
        String unusable = file == null ? "" : pemProblems.computeIfAbsent(file, ConfigPaths::pemProblem);
        if (!unusable.isEmpty()) {
            problems.add(node, key + " '" + typed.string(node) + "' holds no usable PEM certificate: " + unusable);
            return null;
        }
        return file;
    }

    /** Why a PEM file cannot serve as a trust store, or "" when it can. */
    private static String pemProblem(Path file) {
        try {
            TrustStores.fromPem(file);
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
