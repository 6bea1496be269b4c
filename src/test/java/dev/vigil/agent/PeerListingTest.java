package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.web.Fleet;
import dev.vigil.web.Listed;
import dev.vigil.web.PeerRow;
import dev.vigil.web.ProbeRow;
import dev.vigil.web.ProbeState;
import dev.vigil.web.RunBuckets;
import dev.vigil.web.SeenFrom;
import dev.vigil.web.Where;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The peers' part of a status page: rows merged peer after peer, notes, notices, and no state on old evidence. */
class PeerListingTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private static PeerView peer(String name, String location, Instant answeredAt, String failure, String... probes) {
        Where where = new Where(name, location, null, "http://" + name + ":1");
        List<PeerRow> rows = List.of(probes).stream().map(probe -> new PeerRow(where, probe, "https://" + probe + "/",
                ProbeState.UP, null, null, Map.of(), null, null)).toList();
        return new PeerView("http://" + name + ":1", new PeerAnswer(where, rows, rows.stream().collect(
                Collectors.toMap(PeerRow::name, row -> row))), answeredAt, failure);
    }

    private static List<String> rows(List<? extends Listed> rows) {
        return rows.stream().map(row -> row.where().agent() + "/" + row.name() + "/" + row.state().id()).toList();
    }

    @Test
    void rowsOfEveryPeerAreListedPeerAfterPeerWithNotices() {
        PeerListing listing = PeerListing.of(List.of(
                peer("b", "us-east", NOW, null, "shop", "b-only"),
                new PeerView("http://c:1", null, null, "connection refused"),
                peer("d", "ap-south", NOW.minusSeconds(120), "HTTP 503", "shop"),
                peer("e", "sa-east", NOW.minusSeconds(600), "no whole answer within 2 s", "shop")), NOW, STALE_AFTER,
                "a");

        assertEquals(List.of("b/shop/up", "b/b-only/up", "d/shop/up", "e/shop/unknown"), rows(listing.rows()));
        assertEquals(List.of("b", "d", "e"), listing.fleet().peers().stream().map(Where::agent).toList());
        assertEquals(List.of("peer http://c:1 does not answer: connection refused"), listing.fleet().notices());
        assertEquals(Map.of("d", "peer d did not answer since 2026-12-02T11:58:00Z: HTTP 503",
                "e", "peer e did not answer since 2026-12-02T11:50:00Z: no whole answer within 2 s"),
                listing.stale().entrySet().stream().collect(Collectors.toMap(e -> e.getKey().agent(),
                        Map.Entry::getValue)));
        assertEquals(List.of("b", "d", "e"), listing.seen("shop").stream().map(seen -> seen.where().agent()).toList());
        assertEquals(List.of(new SeenFrom(listing.fleet().peers().get(1),
                "peer d did not answer since 2026-12-02T11:58:00Z: HTTP 503", null)),
                listing.seen("shop").subList(1, 2));
        assertEquals(List.of(), listing.seen("nowhere"));
    }

    @Test
    void anExpiredPeersUnknownRowsAreMadeOncePerAnswerNotPerPage() {
        List<PeerView> peers = List.of(peer("e", "sa-east", NOW.minusSeconds(600), "HTTP 503", "shop", "cart"));

        PeerListing first = PeerListing.of(peers, NOW, STALE_AFTER, "a");
        PeerListing second = PeerListing.of(peers, NOW.plusSeconds(1), STALE_AFTER, "a");

        assertEquals(List.of("e/shop/unknown", "e/cart/unknown"), rows(second.rows()));
        assertSame(first.rows().get(1), second.rows().get(1));
    }

    @Test
    void aPeerThatIsThisAgentIsLeftOut() {
        PeerListing listing = PeerListing.of(List.of(peer("a", "eu-west", NOW, null, "shop")), NOW, STALE_AFTER, "a");

        assertEquals(List.of(), listing.rows());
        assertEquals(List.of("peer http://a:1 is this agent itself (a); its probes are listed once"),
                listing.fleet().notices());
    }

    @Test
    void withoutPeersNothingIsAdded() {
        assertSame(Fleet.NONE, PeerListing.of(List.of(), NOW, STALE_AFTER, "a").fleet());
    }

    @Test
    void theOwnRowsAndThePeersAreReadAsOneList() {
        ProbeRow own = new ProbeRow("mine", "https://mine/", ProbeState.DOWN, null, null, Map.of(), RunBuckets.NONE);
        PeerListing listing = PeerListing.of(List.of(peer("b", "us-east", NOW, null, "x", "y"),
                peer("c", "us-west", NOW, null, "z")), NOW, STALE_AFTER, "a");

        List<Listed> all = PeerListing.concat(List.of(own), listing.rows());

        assertEquals(4, all.size());
        assertEquals(List.of("mine", "x", "y", "z"), all.stream().map(Listed::name).toList());
        assertSame(own, all.getFirst());
        assertEquals(List.of("mine"), PeerListing.concat(List.of(own), List.of()).stream().map(Listed::name).toList());
    }
}
