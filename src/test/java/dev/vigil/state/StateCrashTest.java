package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.Observation;
import dev.vigil.testing.FakeClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Vigil killed with SIGKILL in the middle of a save loses nothing it was told was saved. */
class StateCrashTest {
    private static final int KILLS = 10;
    private static final int MOST_ACKS_BEFORE_KILL = 10;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedSaveSurvivesAKillDuringTheNext() throws Exception {
        Path stateDir = dir.resolve("state");
        Path stderr = dir.resolve("child-stderr.log");
        Random random = new Random(20261125);
        long acked = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            int acksBeforeKill = 1 + random.nextInt(MOST_ACKS_BEFORE_KILL);
            Process child = ChildJvm.start(StateWriterChild.class, stderr, stateDir.toString());
            try (BufferedReader out = child.inputReader()) {
                for (int ack = 0; ack < acksBeforeKill; ack++) {
                    String line = out.readLine();
                    assertNotNull(line, "the writer exited before kill " + kill + "; stderr: "
                            + Files.readString(stderr));
                    acked = Long.parseLong(line.substring("acked ".length()));
                }
                // The writer is now inside its next save.
                child.destroyForcibly();
                child.waitFor();
            } finally {
                child.destroyForcibly();
            }

            List<String> serials = serialsSaved(stateDir);
            assertTrue(serials.size() >= acked, "kill " + kill + ": " + acked + " acknowledged, " + serials.size()
                    + " saved");
            assertEquals(serialsUpTo(serials.size()), serials, "kill " + kill);
        }
    }

    private static List<String> serialsSaved(Path stateDir) throws IOException {
        try (StateStore store = StateStore.open(stateDir, new FakeClock(SampleStates.NOW))) {
            LoadedState loaded = store.load();
            assertNull(loaded.recoveredFrom(), "the state file was corrupt");
            return loaded.state().endpoints().get(StateWriterChild.ENDPOINT.key()).observations().stream()
                    .map(Observation::serialHex).toList();
        }
    }

    private static List<String> serialsUpTo(long last) {
        return LongStream.rangeClosed(1, last).mapToObj(Long::toHexString).toList();
    }
}
