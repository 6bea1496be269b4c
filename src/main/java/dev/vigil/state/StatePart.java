package dev.vigil.state;

import dev.vigil.cert.CertTracker;

/**
 * A part of the agent that keeps a piece of the state file: it is built from its piece of what {@link StateFile}
 * loaded, registers with it, and gives back snapshots of its piece, which the file saves on its schedule. Its methods
 * are called from the save thread and must not block: they copy what the part holds in memory.
 */
public interface StatePart {
    /** {@code state} with this part's piece, as it is now, in place of what {@code state} holds there. */
    VigilState addTo(VigilState state);

    /** Grows whenever the part changed; equal values mean no change in between. */
    long revision();

    /** Grows whenever the part changed in a way that must reach the disk within about {@link StateFile#KEY_SAVE_DELAY}. */
    long keyRevision();

    /** The certificate histories {@code tracker} keeps, as a part: new certificates, events and CT answers are key. */
    static StatePart certificates(CertTracker tracker) {
        return new StatePart() {
            @Override
            public VigilState addTo(VigilState state) {
                return state.withEndpoints(tracker.snapshot());
            }

            @Override
            public long revision() {
                return tracker.revision();
            }

            @Override
            public long keyRevision() {
                return tracker.keyRevision();
            }
        };
    }
}
