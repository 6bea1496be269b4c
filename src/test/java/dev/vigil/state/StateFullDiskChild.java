package dev.vigil.state;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A Vigil whose disk is full: started under a file size limit ({@code ulimit -f}), so that writing beyond it fails as
 * a full disk does (the JVM ignores SIGXFSZ, and the write fails with EFBIG). Opens the state directory
 * {@code args[0]}, saves a state of {@code args[1]} endpoints once, and prints {@code saved} or
 * {@code failed: MESSAGE}.
 */
public final class StateFullDiskChild {
    private StateFullDiskChild() {
    }

    public static void main(String[] args) throws Exception {
        try (StateStore store = StateStore.open(Path.of(args[0]), Clock.systemUTC())) {
            store.save(SampleStates.sized(Integer.parseInt(args[1])));
            System.out.println("saved");
        } catch (StateException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }
}
