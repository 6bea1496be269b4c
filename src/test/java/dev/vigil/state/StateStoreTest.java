package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final String CORRUPT = "{\"format\":1,\"endpoints\":[{\"host\":";

    @TempDir
    Path tmp;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T03:16:00Z"));

    @Test
    void createsAMissingDirectoryAndStartsEmpty() throws IOException {
        Path dir = tmp.resolve("var/lib/vigil");
        try (StateStore store = StateStore.open(dir, clock)) {
            assertEquals(new LoadedState(VigilState.empty(), 0, 0, null), store.load());
            assertEquals(dir.resolve("state.json"), store.file());
        }
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void savesTheCodecsBytesAndLoadsThemBack() throws IOException {
        VigilState state = SampleStates.sized(3);
        try (StateStore store = StateStore.open(tmp, clock)) {
            store.save(SampleStates.small());
            store.save(state);
        }

        assertArrayEquals(SampleStates.json(state), Files.readAllBytes(tmp.resolve("state.json")));
        try (StateStore store = StateStore.open(tmp, clock)) {
            assertEquals(new LoadedState(state, 3, 6, null), store.load());
        }
        assertEquals(List.of("state.json", "state.lock"), files());
    }

    @Test
    void movesACorruptFileAsideAndStartsEmpty() throws IOException {
        Files.writeString(tmp.resolve("state.json"), CORRUPT);

        LoadedState loaded = loadOnce();

        Path aside = tmp.resolve("state.json.corrupt-20261125T031600Z");
        assertEquals(new LoadedState(VigilState.empty(), 0, 0, aside), loaded);
        assertEquals(CORRUPT, Files.readString(aside));
        assertFalse(Files.exists(tmp.resolve("state.json")));
    }

    @Test
    void aSecondRecoveryInTheSameSecondKeepsTheFirstAside() throws IOException {
        Files.writeString(tmp.resolve("state.json"), CORRUPT);
        loadOnce();
        Files.writeString(tmp.resolve("state.json"), "not json");

        assertEquals(tmp.resolve("state.json.corrupt-20261125T031600Z-2"), loadOnce().recoveredFrom());
        assertEquals(CORRUPT, Files.readString(tmp.resolve("state.json.corrupt-20261125T031600Z")));
        assertEquals("not json", Files.readString(tmp.resolve("state.json.corrupt-20261125T031600Z-2")));
    }

    @Test
    void movesAsideAStateFileThatCannotBeRead() throws IOException {
        Files.createDirectory(tmp.resolve("state.json"));

        Path aside = loadOnce().recoveredFrom();

        assertEquals(tmp.resolve("state.json.corrupt-20261125T031600Z"), aside);
        assertTrue(Files.isDirectory(aside));
    }

    @Test
    void leavesAFileFromANewerVigilAlone() throws IOException {
        String newer = "{\"format\":2,\"endpoints\":[]}";
        Files.writeString(tmp.resolve("state.json"), newer);

        try (StateStore store = StateStore.open(tmp, clock)) {
            StateVersionException e = assertThrows(StateVersionException.class, store::load);
            assertEquals("state file " + tmp.resolve("state.json") + " has format 2, newer than this Vigil reads (1): "
                    + "upgrade Vigil or point --state-dir elsewhere", e.getMessage());
        }
        assertEquals(newer, Files.readString(tmp.resolve("state.json")));
        assertEquals(List.of("state.json", "state.lock"), files());
    }

    @Test
    void removesAWriteACrashInterrupted() throws IOException {
        Files.writeString(tmp.resolve("state.json.tmp"), CORRUPT);
        Files.write(tmp.resolve("state.json"), SampleStates.json(SampleStates.small()));

        assertEquals(SampleStates.small(), loadOnce().state());
        assertEquals(List.of("state.json", "state.lock"), files());
    }

    @Test
    void aSecondStoreInTheSameJvmIsRefusedUntilTheFirstCloses() throws IOException {
        try (StateStore first = StateStore.open(tmp, clock)) {
            StateException e = assertThrows(StateException.class, () -> StateStore.open(tmp, clock));

            assertEquals(inUseMessage(), e.getMessage());
            first.save(SampleStates.small());
        }
        assertEquals(SampleStates.small(), loadOnce().state());
    }

    @Test
    void anotherProcessIsRefusedWhileThisOneHoldsTheDirectory() throws Exception {
        Path stderr = tmp.resolve("child-stderr.log");
        Path dir = Files.createDirectory(tmp.resolve("state"));
        try (StateStore held = StateStore.open(dir, clock)) {
            Process child = ChildJvm.start(StateWriterChild.class, stderr, dir.toString());

            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child still runs");
            assertEquals(2, child.exitValue());
            assertEquals(List.of(inUseMessage(dir)), Files.readAllLines(stderr));
        }
    }

    @Test
    void concurrentSavesLeaveOneWholeStateOfThem() throws Exception {
        List<VigilState> states = List.of(SampleStates.sized(1), SampleStates.sized(2), SampleStates.sized(300),
                SampleStates.small());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService savers = Executors.newFixedThreadPool(states.size());
        try (StateStore store = StateStore.open(tmp, clock)) {
            List<Future<Void>> saves = new ArrayList<>();
            for (VigilState state : states) {
                Callable<Void> saveRepeatedly = () -> {
                    start.await();
                    for (int i = 0; i < 5; i++) {
                        store.save(state);
                    }
                    return null;
                };
                saves.add(savers.submit(saveRepeatedly));
            }
            start.countDown();
            for (Future<Void> save : saves) {
                save.get();
            }
            assertTrue(states.contains(store.load().state()));
        } finally {
            savers.shutdownNow();
        }
    }

    private LoadedState loadOnce() throws IOException {
        try (StateStore store = StateStore.open(tmp, clock)) {
            return store.load();
        }
    }

    private String inUseMessage() throws IOException {
        return inUseMessage(tmp);
    }

    private static String inUseMessage(Path dir) throws IOException {
        Path realDir = dir.toRealPath();
        return "state directory " + realDir + " is in use by another Vigil (pid " + ProcessHandle.current().pid()
                + " holds " + realDir.resolve("state.lock") + "); give each agent its own --state-dir";
    }

    private List<String> files() throws IOException {
        try (var names = Files.list(tmp)) {
            return names.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
