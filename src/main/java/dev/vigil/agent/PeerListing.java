package dev.vigil.agent;

import dev.vigil.web.Fleet;
import dev.vigil.web.Listed;
import dev.vigil.web.PeerRow;
import dev.vigil.web.SeenFrom;
import dev.vigil.web.Where;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The peers' part of one status page, as of {@code now}: their rows, those of a peer whose answer is too old shown
 * as unknown; the note each row carries when its peer did not answer; the notices of peers without rows. Built per
 * request from the views the collector holds: its cost is a pass over the peers (a peer's rows with unknown states
 * are made once per answer, not per request).
 *
 * @param rows    the rows of every peer, peer after peer
 * @param stale   the note of each peer whose answer may be out of date, by its {@link Where} (identity)
 * @param fleet   the peers and notices the list shows
 * @param answers each shown peer's last answer with its note, in the config's order
 */
record PeerListing(List<PeerRow> rows, Map<Where, String> stale, Fleet fleet, List<Shown> answers) {
    /** A peer whose rows are shown: its last answer, and why it may be out of date (or null). */
    record Shown(PeerAnswer answer, String stale) {
    }

    static final PeerListing NONE = new PeerListing(List.of(), Map.of(), Fleet.NONE, List.of());

    /**
     * @param self the agent's own name: a peer that answers with it is this agent (a config listing itself) and is
     *             left out
     */
    static PeerListing of(List<PeerView> peers, Instant now, Duration staleAfter, String self) {
        if (peers.isEmpty()) {
            return NONE;
        }
        List<List<PeerRow>> parts = new ArrayList<>(peers.size());
        Map<Where, String> stale = new IdentityHashMap<>();
        List<Where> where = new ArrayList<>(peers.size());
        List<String> notices = new ArrayList<>();
        List<Shown> answers = new ArrayList<>(peers.size());
        for (PeerView peer : peers) {
            PeerFreshness freshness = PeerFreshness.of(peer, now, staleAfter);
            if (!freshness.shown()) {
                notices.add(freshness.note());
                continue;
            }
            PeerAnswer answer = peer.last();
            if (answer.where().agent().equals(self)) {
                notices.add("peer " + peer.shown() + " is this agent itself (" + self + "); its probes are listed once");
                continue;
            }
            parts.add(freshness.states() ? answer.rows() : answer.unknownRows());
            where.add(answer.where());
            answers.add(new Shown(answer, freshness.note()));
            if (freshness.note() != null) {
                stale.put(answer.where(), freshness.note());
            }
        }
        return new PeerListing(new Joined<>(parts), stale, new Fleet(where, notices), answers);
    }

    /** Each peer's DNS answers for the probe named {@code name}, of the peers that run one of that name. */
    List<SeenFrom> seen(String name) {
        List<SeenFrom> seen = new ArrayList<>();
        for (Shown shown : answers) {
            PeerRow row = shown.answer().byName().get(name);
            if (row != null) {
                seen.add(new SeenFrom(row.where(), shown.stale(), row.dns()));
            }
        }
        return seen;
    }

    /** {@code first} then {@code rest}, as one list with fast random access, without copying either. */
    static List<Listed> concat(List<? extends Listed> first, List<? extends Listed> rest) {
        return rest.isEmpty() ? Collections.unmodifiableList(first) : new Joined<>(List.of(first, rest));
    }

    /** Lists one after the other, read in place. */
    private static final class Joined<T> extends AbstractList<T> implements RandomAccess {
        private final List<? extends List<? extends T>> parts;
        /** The index in the whole of each part's first item, and the size after the last. */
        private final int[] starts;

        Joined(List<? extends List<? extends T>> parts) {
            this.parts = parts;
            starts = new int[parts.size() + 1];
            for (int i = 0; i < parts.size(); i++) {
                starts[i + 1] = starts[i] + parts.get(i).size();
            }
        }

        @Override
        public T get(int index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException(index);
            }
            int part = 0;
            while (starts[part + 1] <= index) {
                part++;
            }
            return parts.get(part).get(index - starts[part]);
        }

        @Override
        public int size() {
            return starts[parts.size()];
        }
    }
}
