package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the renewal window opens: the closing share of the lifetime or the time before expiry, whichever is first. */
class RenewalWindowTest {
    @ParameterizedTest(name = "{0}-day certificate, fraction {1}, {2} days before: opens after {3}")
    @CsvSource({
            // lifetime days, fraction, before days, opens this long after notBefore (before it for short lives)
            "90,  0.3333333333333333, 30, PT1440H",
            "398, 0.3333333333333333, 30, PT6368H",
            "6,   0.3333333333333333, 30, -PT576H",
            "90,  0.25,               7,  PT1620H",
            "90,  1,                  0,  PT0S",
            "100, 0.1,                1,  PT2160H",
    })
    void opensAtTheEarlierOfShareAndTimeBefore(long lifetimeDays, double fraction, long beforeDays, Duration opensAfter) {
        RenewalWindow window = new RenewalWindow(fraction, Duration.ofDays(beforeDays));
        Observation cert = Certs.cert("01").valid(T0, lifetimeDays).observation();

        assertEquals(T0.plus(opensAfter), window.opensAt(cert));
    }

    @ParameterizedTest(name = "{0} after issuance: due {1}")
    @CsvSource({
            "PT1439H59M59S, false",
            "PT1440H,       true",
            "PT2160H,       true",
            "PT2400H,       true",
    })
    void isDueFromTheMomentTheWindowOpensOn(Duration sinceIssuance, boolean due) {
        Observation cert = Certs.cert("01").observation();

        assertEquals(due, RenewalWindow.DEFAULT.isDue(cert, T0.plus(sinceIssuance)));
    }
}
