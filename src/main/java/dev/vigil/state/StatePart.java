package dev.vigil.state;

import dev.vigil.cert.CertTracker;

/**
 * A part of the agent that keeps a piece of the state file: it is built from its piece of what {@link StateFile}
 * loaded, registers with it, and gives back snapshots of its piece, which the file saves on its schedule. Its methods
 * are called from the save thread and must not block: they copy what the part holds in memory.
 */
public interface StatePart {
    /**
     * How often a part changed since start.
     *
     * @param any every change; equal values mean no change in between
     * @param key the changes that must reach the disk within about {@link StateFile#KEY_SAVE_DELAY}, such as a new
     *            certificate, an event, a CT answer, an alert that fires or resolves, or a change of the outbox
     */
    record Revision(long any, long key) {
        static final Revision NONE = new Revision(0, 0);

        Revision plus(Revision other) {
            return new Revision(any + other.any, key + other.key);
        }
    }

    /** {@code state} with this part's piece, as it is now, in place of what {@code state} holds there. */
    VigilState addTo(VigilState state);

    /** How often the part changed so far; both counts only grow. */
    Revision revision();

    /** The certificate histories {@code tracker} keeps, as a part: new certificates, events and CT answers are key. */
    static StatePart certificates(CertTracker tracker) {
        return new StatePart() {
            @Override
            public VigilState addTo(VigilState state) {
                return state.withEndpoints(tracker.snapshot());
            }

            @Override
            public Revision revision() {
                return new Revision(tracker.revision(), tracker.keyRevision());
            }
        };
    }
}
