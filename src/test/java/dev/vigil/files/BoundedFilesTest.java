package dev.vigil.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void readsARegularFileWithinTheLimit() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "{}\n");
        assertArrayEquals("{}\n".getBytes(), BoundedFiles.read(file, 3, TIMEOUT));
    }

    @Test
    void refusesAFileOverTheLimitNamingTheLimit() throws IOException {
        Path file = Files.write(dir.resolve("big.json"), new byte[2049]);
        var e = assertThrows(BoundedFiles.UnreadableFileException.class, () -> BoundedFiles.read(file, 2048, TIMEOUT));
        assertEquals(file + ": larger than the limit of 2 KiB", e.getMessage());
    }

    @Test
    void refusesADeviceWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        var e = assertThrows(BoundedFiles.UnreadableFileException.class, () -> BoundedFiles.read(zero, 1024, TIMEOUT));
        assertEquals("not a regular file (a FIFO, socket or device)", e.reason());
    }

    @Test
    void refusesAFifoWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");
        var e = assertThrows(BoundedFiles.UnreadableFileException.class, () -> BoundedFiles.read(fifo, 1024, TIMEOUT));
        assertEquals("not a regular file (a FIFO, socket or device)", e.reason());
    }

    @Test
    void refusesADirectoryAndAMissingFile() {
        assertEquals("not a regular file (a directory)",
                assertThrows(BoundedFiles.UnreadableFileException.class, () -> BoundedFiles.read(dir, 1024, TIMEOUT)).reason());
        assertEquals("no such file", assertThrows(BoundedFiles.UnreadableFileException.class,
                () -> BoundedFiles.read(dir.resolve("missing"), 1024, TIMEOUT)).reason());
    }
}
