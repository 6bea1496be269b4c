package dev.vigil.agent;

import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.CertTracker;
import dev.vigil.cert.CtLookup;
import dev.vigil.cert.Endpoint;
import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.ProbeResult;
import dev.vigil.state.LoadedState;
import dev.vigil.state.StateException;
import dev.vigil.state.StateStore;
import dev.vigil.state.VigilState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The agent's certificate history: the state directory it lives in, the tracker every probe result goes through,
 * the periodic save, the event log line and the {@code vigil_cert_*}, {@code vigil_state_*} and {@code vigil_ct_*}
 * counters.
 */
final class Certificates implements AutoCloseable {
    /** Another part of the state file, saved along with the certificate history. */
    interface StatePart {
        /** {@code state} with this part's content. */
        VigilState addTo(VigilState state);

        /** Grows whenever the part changed; equal values mean no change in between. */
        long revision();

        /** Grows whenever the part changed in a way that must reach the disk within about {@link #KEY_SAVE_DELAY}. */
        long keyRevision();
    }

    private static final Logger LOG = System.getLogger("dev.vigil.cert");
    /** New certificates and events reach the disk within about this long. */
    static final Duration KEY_SAVE_DELAY = Duration.ofSeconds(1);
    /** Handshakes that only saw a known certificate again reach the disk within about this long. */
    static final Duration SAVE_DELAY = Duration.ofMinutes(1);

    private final StateStore store;
    private final CertTracker tracker;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ExecutorService ctQueries = Executors.newVirtualThreadPerTaskExecutor();
    private long savedRevision;
    private long savedKeyRevision;
    private final VigilState loaded;
    private Instant savedAt;
    private boolean saveFailing;
    private final Counter saveFailures;
    private volatile StatePart alerts;
    private volatile Consumer<CertEvent> eventListener = event -> { };

    private Certificates(StateStore store, LoadedState loaded, Clock clock, MeterRegistry registry, CtLookup ct) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.loaded = loaded.state();
        Counter recovered = Counter.builder("vigil.state.recovered")
                .description("State files found corrupt or unreadable, moved aside and started afresh").register(registry);
        saveFailures = Counter.builder("vigil.state.save.failures")
                .description("Saves of the state file that failed (e.g. a full disk); the previous file is kept")
                .register(registry);
        if (loaded.recoveredFrom() != null) {
            recovered.increment();
        }
        tracker = new CertTracker(loaded.state(), clock, this::tell, ct, ctQueries);
        FunctionCounter.builder("vigil.ct.query.errors", tracker, CertTracker::ctErrors)
                .description("Certificate Transparency lookups that failed").register(registry);
        savedAt = clock.instant();
    }

    /**
     * Locks and loads the state directory.
     *
     * @throws StateException when the directory cannot be used: another Vigil holds it, it cannot be created, or its
     *                        state file is newer than this Vigil reads
     */
    static Certificates open(Path stateDir, Clock clock, MeterRegistry registry, CtLookup ct) throws StateException {
        try {
            StateStore store = StateStore.open(stateDir, clock);
            try {
                LoadedState loaded = store.load();
                LOG.log(Level.INFO, "certificate state: " + loaded.endpoints() + " endpoints, "
                        + loaded.observations() + " certificates loaded from " + store.file());
                return new Certificates(store, loaded, clock, registry, ct);
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

    /** Records the certificate a run of {@code probe} saw, if any; returns what is known about it afterwards. */
    CertStatus record(ProbeConfig probe, ProbeResult result) {
        URI finalUrl = result.http() == null ? null : result.http().finalUrl();
        return Endpoint.servedAt(finalUrl, probe.spec().url())
                .map(endpoint -> tracker.record(probe.name(), endpoint, probe.cert(), result.tls()))
                .orElse(CertStatus.UNKNOWN);
    }

    /** What the state file held at start. */
    VigilState loaded() {
        return loaded;
    }

    /** Saves {@code part} along with the history from now on, and tells {@code listener} every certificate event. */
    void attach(StatePart part, Consumer<CertEvent> listener) {
        this.alerts = part;
        this.eventListener = listener;
    }

    /** Takes away the probe's change counters once it is no longer configured. */
    void forget(String probeName) {
        registry.find("vigil.cert.changes").tag("probe", probeName).meters().forEach(registry::remove);
    }

    /** Saves when a new certificate or event waits, or anything has waited longer than {@link #SAVE_DELAY}. */
    synchronized void saveIfDue() {
        long key = keyRevision();
        long any = anyRevision();
        boolean due = key != savedKeyRevision
                || any != savedRevision && !clock.instant().isBefore(savedAt.plus(SAVE_DELAY));
        if (due) {
            save(key, any);
        }
    }

    private void save(long key, long any) {
        try {
            StatePart part = alerts;
            store.save(part == null ? tracker.snapshot() : part.addTo(tracker.snapshot()));
            savedKeyRevision = key;
            savedRevision = any;
            savedAt = clock.instant();
            if (saveFailing) {
                LOG.log(Level.INFO, "state saved again to " + store.file());
                saveFailing = false;
            }
        } catch (IOException | RuntimeException e) {
            // Counted every time, logged once when saves start failing and once when they work again.
            saveFailures.increment();
            if (!saveFailing) {
                LOG.log(Level.ERROR, "cannot save the state to " + store.file() + "; keeping the previous file and "
                        + "the state in memory, retrying every " + KEY_SAVE_DELAY.toSeconds() + " s: " + e.getMessage());
                saveFailing = true;
            }
        }
    }

    private void tell(CertEvent event) {
        event.change().ifPresent(kind -> Counter.builder("vigil.cert.changes")
                .description("Certificate changes seen, by kind").tag("probe", event.probe()).tag("kind", kind.id())
                .register(registry).increment());
        Level level = switch (event.severity()) {
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case CRITICAL -> Level.ERROR;
        };
        eventListener.accept(event);
        LOG.log(level, "certificate " + event.kind() + " (" + event.severity().id() + ") probe=" + event.probe()
                + " endpoint=" + event.endpoint() + ": " + event.message());
    }

    /** What must reach the disk soon: the tracker's and the attached part's key changes. */
    private long keyRevision() {
        StatePart part = alerts;
        return tracker.keyRevision() + (part == null ? 0 : part.keyRevision());
    }

    /** Any change of the tracker or the attached part. */
    private long anyRevision() {
        StatePart part = alerts;
        return tracker.revision() + (part == null ? 0 : part.revision());
    }

    /** Stops CT lookups, saves what is unsaved and releases the state directory. */
    @Override
    public synchronized void close() {
        ctQueries.shutdownNow();
        if (anyRevision() != savedRevision || keyRevision() != savedKeyRevision) {
            save(keyRevision(), anyRevision());
        }
        try {
            store.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot release the lock on " + store.file().getParent() + ": " + e.getMessage());
        }
    }
}
