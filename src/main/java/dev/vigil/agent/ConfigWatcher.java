package dev.vigil.agent;

import dev.vigil.config.ConfigLoader;
import dev.vigil.files.BoundedFiles;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Notices when the config file's content changes. It compares bytes rather than watching the directory, because a
 * Kubernetes ConfigMap update swaps a symlink and editors replace files by rename, which file-system events miss or
 * report on other names. Reads are bounded: a FIFO, a device or a file on a hung mount cannot hold its thread.
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

    /**
     * An unreadable file (missing, not a regular file, too large, too slow) counts as content of its own, so its
     * disappearance and return both count as changes, and the reload that follows says what is wrong.
     */
    private byte[] read() {
        try {
            return BoundedFiles.read(file, ConfigLoader.MAX_CONFIG_BYTES, ConfigLoader.READ_TIMEOUT);
        } catch (BoundedFiles.UnreadableFileException e) {
            return null;
        }
    }
}
