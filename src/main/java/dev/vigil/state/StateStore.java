package dev.vigil.state;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state directory of one running Vigil, held under an exclusive lock: loads {@code state.json} and replaces it
 * atomically and durably. Thread-safe; {@link #save} calls are serialized.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.state");
    private static final DateTimeFormatter ASIDE_STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int WRITE_BUFFER = 1 << 16;
    /**
     * Directories locked by this JVM. A second lock attempt must not even open the lock file: closing any channel to
     * it would drop the POSIX lock the first channel holds.
     */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    /** The state file's name in its directory. */
    public static final String FILE_NAME = "state.json";

    private final Path dir;
    private final Path file;
    private final Path tmp;
    private final Clock clock;
    private final FileChannel lockChannel;
    private boolean closed;

    private StateStore(Path dir, Clock clock, FileChannel lockChannel) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.tmp = dir.resolve(FILE_NAME + ".tmp");
        this.clock = clock;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens {@code dir}, creating it when missing, and locks it for this process until {@link #close()}; removes a
     * partial write a crash left behind.
     *
     * @throws StateException when another Vigil, in this JVM or another process, holds the directory
     */
    public static StateStore open(Path dir, Clock clock) throws IOException {
        Path realDir;
        try {
            realDir = Files.createDirectories(dir).toRealPath();
        } catch (IOException e) {
            throw new StateException("cannot create state directory " + dir + ": " + reason(e), e);
        }
        Path lockFile = realDir.resolve("state.lock");
        if (!LOCKED_HERE.add(realDir)) {
            throw inUse(realDir, lockFile, Long.toString(ProcessHandle.current().pid()));
        }
        FileChannel lock;
        try {
            lock = lock(realDir, lockFile);
        } catch (IOException | RuntimeException e) {
            LOCKED_HERE.remove(realDir);
            throw e;
        }
        StateStore store = new StateStore(realDir, clock, lock);
        try {
            store.removeLeftoverTmp();
        } catch (IOException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** A channel holding the exclusive lock on {@code lockFile}, which then names this process. */
    private static FileChannel lock(Path dir, Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dir, lockFile, holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The process id the lock's holder wrote into it; empty when it has not yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        return new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
    }

    private static StateException inUse(Path dir, Path lockFile, String pid) {
        String holder = pid.isEmpty() ? "another process" : "pid " + pid;
        return new StateException("state directory " + dir + " is in use by another Vigil (" + holder + " holds "
                + lockFile + "); give each agent its own --state-dir");
    }

    private void removeLeftoverTmp() throws IOException {
        if (Files.deleteIfExists(tmp)) {
            LOG.log(Level.WARNING, "removed " + tmp + ", a state write interrupted by a crash; " + file
                    + " holds the last state saved");
        }
    }

    /** The state file, {@code state.json} in the directory. */
    public Path file() {
        return file;
    }

    /**
     * The state saved last in {@code dir}, read without taking its lock and without touching a bad file, for a reader
     * beside a running agent: the agent only ever renames a complete file into place.
     *
     * @throws NoSuchFileException   when nothing was saved there yet
     * @throws StateCorruptException when the file cannot be parsed
     */
    public static VigilState readUnlocked(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return StateCodec.read(Channels.newInputStream(in), in.size(), file);
        }
    }

    /**
     * The state saved last. Empty when there is none yet. A file that cannot be read or parsed is never overwritten:
     * it is moved aside as {@code state.json.corrupt-<UTC time>}, logged, and an empty state returned.
     *
     * @throws StateVersionException when a newer Vigil wrote the file, which is then left as it is
     */
    synchronized LoadedState load() throws IOException {
        requireOpen();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return LoadedState.of(StateCodec.read(Channels.newInputStream(in), in.size(), file), null);
        } catch (NoSuchFileException e) {
            return LoadedState.of(VigilState.empty(), null);
        } catch (StateVersionException e) {
            throw e;
        } catch (StateCorruptException e) {
            return recover(e.getMessage());
        } catch (IOException e) {
            return recover("state file " + file + " cannot be read: " + reason(e));
        }
    }

    private LoadedState recover(String why) throws IOException {
        Path aside = moveAside();
        LOG.log(Level.ERROR, "moved the state file aside to " + aside + " and started with an empty state: " + why);
        return LoadedState.of(VigilState.empty(), aside);
    }

    private Path moveAside() throws IOException {
        String name = file.getFileName() + ".corrupt-" + ASIDE_STAMP.format(clock.instant());
        for (int attempt = 1; ; attempt++) {
            Path aside = dir.resolve(attempt == 1 ? name : name + "-" + attempt);
            try {
                // Not ATOMIC_MOVE: that would replace an earlier file moved aside; the lock keeps this one safe.
                Files.move(file, aside);
                forceDirectory();
                return aside;
            } catch (FileAlreadyExistsException e) {
                // a recovery earlier in the same second; try the next suffix
            } catch (IOException e) {
                throw new StateException("cannot move the unreadable state file " + file + " aside to " + aside
                        + ": " + reason(e), e);
            }
        }
    }

    /**
     * Replaces the state file with {@code state}, atomically: a crash at any point leaves either the previous or
     * the new state. Once this returns, the new state is on disk and survives a power loss. When it fails (a full
     * disk), the state file is left as it was and the partial temporary file is removed, so that a disk filled by
     * it does not stay full and the next attempt has room.
     */
    public synchronized void save(VigilState state) throws IOException {
        requireOpen();
        try {
            write(state);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void write(VigilState state) throws IOException {
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(out), WRITE_BUFFER);
                StateCodec.write(state, buffered);
                buffered.flush();
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } catch (IOException e) {
            throw new StateException("cannot save state to " + file + ": " + reason(e), e);
        }
    }

    /** Makes the directory's entries (the rename just done) durable, as a file's force does not. */
    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("state store " + dir + " is closed");
        }
    }

    /** Releases the directory's lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lockChannel.close();
        } finally {
            LOCKED_HERE.remove(dir);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem) {
            String reason = fileSystem.getReason();
            return reason != null ? reason : e.getClass().getSimpleName();
        }
        return e.getMessage();
    }
}
