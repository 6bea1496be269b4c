package dev.vigil.files;

import dev.vigil.text.ByteSizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads files that come from outside (config files, secret files, CA bundles) bounded in bytes and time. Only a
 * regular file is opened: opening a FIFO blocks until a writer appears, and a device such as {@code /dev/zero} never
 * ends. The read itself runs on a daemon platform thread of its own and is abandoned at the deadline, so a file on a
 * hung network mount, or one swapped for a FIFO between the check and the open, cannot hold the caller's thread. Not a
 * virtual thread: a blocked file open pins its carrier, and two of those froze every virtual thread of a 2-core JVM.
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /** Why a file could not be read; the message names the file and the reason, never its content. */
    public static final class UnreadableFileException extends IOException {
        private final String reason;

        UnreadableFileException(Path file, String reason, Throwable cause) {
            super(file + ": " + reason, cause);
            this.reason = reason;
        }

        /** The reason alone, without the file's name, e.g. {@code "no such file"}. */
        public String reason() {
            return reason;
        }
    }

    /**
     * The whole content of {@code file}, following symbolic links.
     *
     * @throws UnreadableFileException when it does not exist, cannot be read, is not a regular file, is larger than
     *                                 {@code maxBytes}, or was not read within {@code timeout}
     */
    public static byte[] read(Path file, long maxBytes, Duration timeout) throws UnreadableFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UnreadableFileException(file, describe(e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new UnreadableFileException(file, "not a regular file (" + (attributes.isDirectory() ? "a directory"
                    : "a FIFO, socket or device") + ")", null);
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(file, maxBytes);
        }
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
        });
        Thread reader = Thread.ofPlatform().name("vigil-file-read").daemon().start(task);
        byte[] content;
        try {
            content = task.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new UnreadableFileException(file, "not read within " + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new UnreadableFileException(file, "interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UnreadableFileException(file, cause instanceof IOException io ? describe(io)
                    : String.valueOf(cause), cause);
        }
        if (content.length > maxBytes) {
            // The file grew after its size was read, or is one whose size reads as 0 (e.g. under /proc).
            throw tooLarge(file, maxBytes);
        }
        return content;
    }

    private static UnreadableFileException tooLarge(Path file, long maxBytes) {
        return new UnreadableFileException(file, "larger than the limit of " + ByteSizes.text(maxBytes), null);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
