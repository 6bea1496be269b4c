package dev.vigil.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Notices when the config file's content changes. It compares bytes rather than watching the directory, because a
 * Kubernetes ConfigMap update swaps a symlink and editors replace files by rename, which file-system events miss or
 * report on other names.
 */
final class ConfigWatcher {
    private final Path file;
    private byte[] seen;

    ConfigWatcher(Path file) {
        this.file = file;
        this.seen = read();
    }

    /** True when the content differs from what the previous call (or the constructor) saw. */
    synchronized boolean changed() {
        byte[] now = read();
        if (Arrays.equals(now, seen)) {
            return false;
        }
        seen = now;
        return true;
    }

    /** An unreadable file counts as content of its own, so its disappearance and return both count as changes. */
    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
