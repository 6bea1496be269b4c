package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that runs out of disk keeps the previous state file and leaves no partial file to fill the disk. */
class StateFullDiskTest {
    /** The child's file size limit, in the 1 KiB units of bash's {@code ulimit -f}. */
    private static final int LIMIT_KIB = 256;

    @TempDir
    Path dir;

    @Test
    void aSaveThatRunsOutOfSpaceKeepsTheGoodFileAndRemovesItsTemporaryFile() throws Exception {
        Path stateDir = dir.resolve("state");
        try (StateStore store = StateStore.open(stateDir, new FakeClock(SampleStates.NOW))) {
            store.save(SampleStates.small());
        }
        byte[] good = Files.readAllBytes(stateDir.resolve("state.json"));
        // 2,000 endpoints are about 2 MB of JSON, far beyond the limit.
        List<String> command = List.of("bash", "-c", "ulimit -f " + LIMIT_KIB + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), StateFullDiskChild.class.getName(),
                stateDir.toString(), "2000");
        Process child = new ProcessBuilder(command).redirectError(dir.resolve("stderr.log").toFile()).start();
        String out = new String(child.getInputStream().readAllBytes()).strip();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child still runs");

        assertTrue(out.startsWith("failed: cannot save state to " + stateDir.toRealPath().resolve("state.json")),
                out + "; stderr: " + Files.readString(dir.resolve("stderr.log")));
        assertArrayEquals(good, Files.readAllBytes(stateDir.resolve("state.json")), "the good state file changed");
        assertFalse(Files.exists(stateDir.resolve("state.json.tmp")), "the partial temporary file was left");
        assertEquals(0, child.exitValue());
    }
}
