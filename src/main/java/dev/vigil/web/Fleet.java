package dev.vigil.web;

import java.util.List;

/**
 * The other agents the list shows the probes of, besides the agent serving it.
 *
 * @param peers   each peer that ever answered, as its rows name it
 * @param notices what the page says about peers that do not answer, one sentence each
 */
public record Fleet(List<Where> peers, List<String> notices) {
    /** An agent without peers. */
    public static final Fleet NONE = new Fleet(List.of(), List.of());

    public Fleet {
        peers = List.copyOf(peers);
        notices = List.copyOf(notices);
    }

    /** Whether peers are configured, so that the list says where each probe runs. */
    public boolean any() {
        return !peers.isEmpty() || !notices.isEmpty();
    }
}
