package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.alert.AlertBook;
import dev.vigil.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file's one owner saves each registered part's piece on its schedule: a key change at the next tick, any
 * other change once {@link StateFile#SAVE_DELAY} passed; a failed save is counted and tried again.
 */
class StateFileTest {
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(SampleStates.NOW);

    /** A part whose piece is the next notification sequence, changed as a test says. */
    private static final class FakePart implements StatePart {
        private final AtomicLong next = new AtomicLong(1);
        private final AtomicLong revision = new AtomicLong();
        private final AtomicLong keyRevision = new AtomicLong();

        void change(boolean key) {
            next.incrementAndGet();
            revision.incrementAndGet();
            if (key) {
                keyRevision.incrementAndGet();
            }
        }

        @Override
        public VigilState addTo(VigilState state) {
            return state.withAlerts(new AlertBook(List.of(), List.of(), next.get()));
        }

        @Override
        public Revision revision() {
            return new Revision(revision.get(), keyRevision.get());
        }
    }

    private static FakePart registered(StateFile file) {
        FakePart part = new FakePart();
        file.register(part);
        return part;
    }

    private long savedSequence() throws IOException {
        return StateStore.readUnlocked(dir).nextSequence();
    }

    @Test
    void aKeyChangeOfAPartReachesTheFileAtTheNextTick() throws Exception {
        try (StateFile file = StateFile.open(dir, clock)) {
            FakePart part = registered(file);
            file.saveIfDue();
            assertFalse(Files.exists(dir.resolve(StateStore.FILE_NAME)), "nothing changed, nothing saved");

            part.change(true);
            file.saveIfDue();

            assertEquals(2, savedSequence());
        }
    }

    @Test
    void aRoutineChangeWaitsForTheSaveDelayAndThenReachesTheFile() throws Exception {
        try (StateFile file = StateFile.open(dir, clock)) {
            FakePart part = registered(file);
            part.change(true);
            file.saveIfDue();

            part.change(false);
            clock.advance(StateFile.SAVE_DELAY.minus(Duration.ofMillis(1)));
            file.saveIfDue();
            assertEquals(2, savedSequence());

            clock.advance(Duration.ofMillis(1));
            file.saveIfDue();
            assertEquals(3, savedSequence());
        }
    }

    @Test
    void closingSavesWhatWaitsAndTheNextOwnerLoadsIt() throws Exception {
        try (StateFile file = StateFile.open(dir, clock)) {
            FakePart part = registered(file);
            part.change(false);
        }

        try (StateFile file = StateFile.open(dir, clock)) {
            assertEquals(2, file.loaded().nextSequence());
            assertNull(file.recoveredFrom());
        }
    }

    @Test
    void aFailedSaveIsCountedKeepsThePreviousFileAndIsTriedAgain() throws Exception {
        try (StateFile file = StateFile.open(dir, clock)) {
            FakePart part = registered(file);
            part.change(true);
            file.saveIfDue();
            // A directory where the temporary file goes: the next write cannot create it.
            Path blocker = Files.createDirectories(dir.resolve(StateStore.FILE_NAME + ".tmp").resolve("x"));

            part.change(true);
            file.saveIfDue();
            file.saveIfDue();
            assertEquals(2, file.saveFailures());
            assertEquals(2, savedSequence());

            Files.delete(blocker);
            Files.delete(blocker.getParent());
            file.saveIfDue();
            assertEquals(3, savedSequence());
            assertEquals(2, file.saveFailures());
        }
    }

    @Test
    void anExplicitSaveWritesAtOnceAndSaysWhenItFails() throws Exception {
        try (StateFile file = StateFile.open(dir, clock)) {
            FakePart part = registered(file);
            part.change(false);
            file.save();
            assertEquals(2, savedSequence());

            Path blocker = Files.createDirectories(dir.resolve(StateStore.FILE_NAME + ".tmp").resolve("x"));
            part.change(false);
            assertThrows(StateException.class, file::save);
            assertEquals(2, savedSequence());
            assertEquals(1, file.saveFailures());
            Files.delete(blocker);
            Files.delete(blocker.getParent());
        }
    }
}
