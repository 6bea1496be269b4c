package dev.vigil.state;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one owner of the state file: locks the state directory, loads the file once, and saves what the registered
 * {@link StatePart}s hold on one schedule. Key changes reach the disk within about {@link #KEY_SAVE_DELAY}, others
 * within about {@link #SAVE_DELAY}; a piece no part registered for is saved as it was loaded. A save that fails keeps
 * the previous file and the state in memory, and is tried again at the next call. Thread-safe.
 */
public final class StateFile implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.state");
    /** Key changes (new certificates, events, CT answers, alert transitions, the outbox) reach the disk within this. */
    public static final Duration KEY_SAVE_DELAY = Duration.ofSeconds(1);
    /** Other changes, such as handshakes that only saw a known certificate again, reach the disk within this. */
    public static final Duration SAVE_DELAY = Duration.ofMinutes(1);

    private final StateStore store;
    private final LoadedState loaded;
    private final Clock clock;
    private final List<StatePart> parts = new CopyOnWriteArrayList<>();
    private final LongAdder saveFailures = new LongAdder();
    private StatePart.Revision saved = StatePart.Revision.NONE;
    private Instant savedAt;
    private boolean saveFailing;

    private StateFile(StateStore store, LoadedState loaded, Clock clock) {
        this.store = store;
        this.loaded = loaded;
        this.clock = clock;
        savedAt = clock.instant();
    }

    /**
     * Locks and loads the state directory.
     *
     * @throws StateException when the directory cannot be used: another Vigil holds it, it cannot be created, or its
     *                        state file is newer than this Vigil reads
     */
    public static StateFile open(Path stateDir, Clock clock) throws StateException {
        try {
            StateStore store = StateStore.open(stateDir, clock);
            try {
                return new StateFile(store, store.load(), clock);
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
        } catch (StateException e) {
            throw e;
        } catch (IOException e) {
            throw new StateException("cannot use state directory " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** What the state file held at start, from which each part takes its piece. */
    public VigilState loaded() {
        return loaded.state();
    }

    /** What was loaded, for the log: {@code 3 endpoints, 5 certificates loaded from /var/lib/vigil/state.json}. */
    public String loadSummary() {
        return loaded.endpoints() + " endpoints, " + loaded.observations() + " certificates loaded from "
                + store.file();
    }

    /** Where the unreadable state file found at start was moved aside to; null unless that happened. */
    public Path recoveredFrom() {
        return loaded.recoveredFrom();
    }

    /** Saves failed since start (e.g. a full disk). */
    public long saveFailures() {
        return saveFailures.sum();
    }

    /** Saves {@code part}'s piece from now on. */
    public void register(StatePart part) {
        parts.add(part);
    }

    /**
     * Saves when a key change waits, or any change has waited at least {@link #SAVE_DELAY}. Called every
     * {@link #KEY_SAVE_DELAY}; never throws: a failure is counted and logged.
     */
    public synchronized void saveIfDue() {
        StatePart.Revision now = revision();
        if (now.key() != saved.key()
                || now.any() != saved.any() && !clock.instant().isBefore(savedAt.plus(SAVE_DELAY))) {
            trySave(now);
        }
    }

    /**
     * Saves every part's piece now, as for a one-shot run. A failure is counted like any other and told to the caller
     * rather than logged.
     *
     * @throws IOException when the file cannot be written; the previous one stays
     */
    public synchronized void save() throws IOException {
        StatePart.Revision now = revision();
        try {
            store.save(snapshot());
        } catch (IOException | RuntimeException e) {
            saveFailures.increment();
            saveFailing = true;
            throw e;
        }
        saved(now);
    }

    /** Everything the parts hold now, over what was loaded for the pieces no part registered for. */
    public VigilState snapshot() {
        VigilState state = loaded.state();
        for (StatePart part : parts) {
            state = part.addTo(state);
        }
        return state;
    }

    // The revisions are read before the snapshot is taken, so that a change made during the save is saved next time.
    private void trySave(StatePart.Revision now) {
        try {
            store.save(snapshot());
            saved(now);
            if (saveFailing) {
                LOG.log(Level.INFO, "state saved again to " + store.file());
                saveFailing = false;
            }
        } catch (IOException | RuntimeException e) {
            // Counted every time, logged once when saves start failing and once when they work again.
            saveFailures.increment();
            if (!saveFailing) {
                LOG.log(Level.ERROR, "cannot save the state to " + store.file() + "; keeping the previous file and "
                        + "the state in memory, retrying every " + KEY_SAVE_DELAY.toSeconds() + " s: "
                        + e.getMessage());
                saveFailing = true;
            }
        }
    }

    private void saved(StatePart.Revision now) {
        saved = now;
        savedAt = clock.instant();
    }

    /** The sum over the parts: each part's counts only grow, so equal sums mean no part changed. */
    private StatePart.Revision revision() {
        return parts.stream().map(StatePart::revision).reduce(StatePart.Revision.NONE, StatePart.Revision::plus);
    }

    /** Saves what is unsaved and releases the state directory. */
    @Override
    public synchronized void close() {
        StatePart.Revision now = revision();
        if (!now.equals(saved)) {
            trySave(now);
        }
        try {
            store.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot release the lock on " + store.file().getParent() + ": " + e.getMessage());
        }
    }
}
