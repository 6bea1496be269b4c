package dev.vigil.cert;

import static dev.vigil.cert.Handshakes.letsEncrypt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryUpdateTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Endpoint API = Endpoint.of(URI.create("https://api.example.com/"));

    @Test
    void theSameCertificateSeenAgainOnlyMovesItsLastSeen() {
        var cert = letsEncrypt("01", START.minus(Duration.ofDays(1)));
        var first = HistoryUpdate.seen(EndpointHistory.empty(API), "api", cert, CertSettings.DEFAULT, START);
        var again = HistoryUpdate.seen(first.history(), "api", cert, CertSettings.DEFAULT, START.plusSeconds(30));

        assertTrue(first.newCertificate());
        assertFalse(again.newCertificate());
        assertEquals(1, again.history().observations().size());
        assertEquals(START, again.history().current().firstSeen());
        assertEquals(START.plusSeconds(30), again.history().current().lastSeen());
        assertEquals(List.of(), again.events());
    }

    @Test
    void aProbeSeenAgainKeepsTheSetOfProbeNamesInsteadOfCopyingIt() {
        // Issue 17: thousands of probes of one endpoint copied the set of their names on every run.
        var cert = letsEncrypt("01", START.minus(Duration.ofDays(1)));
        var history = HistoryUpdate.seen(EndpointHistory.empty(API), "api", cert, CertSettings.DEFAULT, START).history();
        history = HistoryUpdate.seen(history, "web", cert, CertSettings.DEFAULT, START.plusSeconds(1)).history();

        var again = HistoryUpdate.seen(history, "api", cert, CertSettings.DEFAULT, START.plusSeconds(30)).history();

        assertEquals(List.of("api", "web"), List.copyOf(again.probes()));
        assertSame(history.probes(), again.probes());
    }

    @Test
    void certificatesUnseenForEightDaysAndAllButTheLastFiftyChangesAreForgotten() {
        EndpointHistory history = EndpointHistory.empty(API);
        Instant at = START;
        // One re-issue an hour for 60 hours, then a quiet week and a day with the last certificate.
        for (int i = 0; i < 60; i++) {
            history = HistoryUpdate.seen(history, "api", letsEncrypt(String.format("%04x", i), at.minus(Duration.ofHours(1))),
                    CertSettings.DEFAULT, at).history();
            at = at.plus(Duration.ofHours(1));
        }
        Instant nineDaysLater = at.plus(Duration.ofDays(9));
        history = HistoryUpdate.seen(history, "api", letsEncrypt("003b", START.plus(Duration.ofHours(58))),
                CertSettings.DEFAULT, nineDaysLater).history();

        assertEquals(50, history.changes().size());
        assertEquals("000a", history.changes().getFirst().newSerial());
        assertEquals(List.of("003b"), history.observations().stream().map(Observation::serialHex).toList());
    }

    @Test
    void aCertificateThatComesBackIsANewObservationAndAChange() {
        var a = letsEncrypt("0a", START.minus(Duration.ofDays(2)));
        var b = letsEncrypt("0b", START.minus(Duration.ofDays(1)));
        EndpointHistory history = EndpointHistory.empty(API);
        history = HistoryUpdate.seen(history, "api", a, CertSettings.DEFAULT, START).history();
        history = HistoryUpdate.seen(history, "api", b, CertSettings.DEFAULT, START.plusSeconds(60)).history();
        var back = HistoryUpdate.seen(history, "api", a, CertSettings.DEFAULT, START.plusSeconds(120));

        assertEquals(List.of("0b", "0a"), back.history().observations().stream().map(Observation::serialHex).toList());
        assertEquals(START.plusSeconds(120), back.history().current().firstSeen());
        assertTrue(back.events().stream().anyMatch(e -> e.kind().equals("expiry_earlier")));
    }

    @Test
    void aCtFailureStaysWithTheSameNamesAndGoesWithOtherNames() {
        var cert = letsEncrypt("01", START.minus(Duration.ofDays(1)));
        EndpointHistory history = HistoryUpdate.seen(EndpointHistory.empty(API), "api", cert, CertSettings.DEFAULT, START)
                .history().ctFailed(new CtFailure(START, "crt.sh answered 503 Service Unavailable for q=api.example.com"));

        var sameNames = HistoryUpdate.seen(history, "api", letsEncrypt("02", START), CertSettings.DEFAULT,
                START.plusSeconds(60));
        var otherNames = HistoryUpdate.seen(history, "api", Handshakes.selfSigned("ff", List.of("ingress.local"), START),
                CertSettings.DEFAULT, START.plusSeconds(60));

        assertEquals(history.ctFailure(), sameNames.history().ctFailure());
        assertNull(otherNames.history().ctFailure());
    }
}
