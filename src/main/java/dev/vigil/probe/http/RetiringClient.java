package dev.vigil.probe.http;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One shared client that a failed exchange retires. {@code java.net.http} keeps a connection whose response head it
 * rejected (e.g. "Header size too big") open and registered with its selector, with everything read so far, for as
 * long as the peer keeps it open: about 0.5 MiB and a socket per failed run, until the heap runs out. The client has
 * no way to close one connection, so after any failure the client is replaced for new runs and shut down, with
 * every connection it still holds, as soon as the last run that was using it has finished. Runs are bounded by
 * their deadlines, so a retired client lives at most one timeout longer.
 *
 * @param <C> the client type, generic so the retiring rule is tested without sockets
 */
final class RetiringClient<C> {
    private final Supplier<C> factory;
    private final Consumer<C> shutdown;
    private Lease<C> current;
    private boolean closed;

    /** One client and the number of runs using it. */
    static final class Lease<C> {
        private final C client;
        private int users;

        private Lease(C client) {
            this.client = client;
        }

        C client() {
            return client;
        }
    }

    RetiringClient(Supplier<C> factory, Consumer<C> shutdown) {
        this.factory = factory;
        this.shutdown = shutdown;
    }

    /**
     * The client for one run; every lease must be {@link #release released}. After {@link #close} a run still gets a
     * client, of its own, shut down when it is released: a probe never throws, not even when closed under a run.
     */
    synchronized Lease<C> acquire() {
        if (closed) {
            Lease<C> own = new Lease<>(factory.get());
            own.users++;
            return own;
        }
        if (current == null) {
            current = new Lease<>(factory.get());
        }
        current.users++;
        return current;
    }

    /** Ends one run's use of {@code lease}; {@code failed} retires its client so what the failure left open is closed. */
    void release(Lease<C> lease, boolean failed) {
        C toShut = null;
        synchronized (this) {
            lease.users--;
            if (failed && lease == current) {
                current = null;
            }
            if (lease != current && lease.users == 0) {
                toShut = lease.client;
            }
        }
        if (toShut != null) {
            shutdown.accept(toShut);
        }
    }

    /** Shuts the current client down; retired ones are shut by their last run. */
    void close() {
        C toShut;
        synchronized (this) {
            closed = true;
            toShut = current == null ? null : current.client;
            current = null;
        }
        if (toShut != null) {
            shutdown.accept(toShut);
        }
    }
}
