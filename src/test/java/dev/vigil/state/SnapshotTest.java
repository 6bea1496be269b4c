package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.cert.CertTracker;
import dev.vigil.testing.FakeClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the agent saves through the certificate tracker keeps what the alerts keep in the state. */
class SnapshotTest {
    @Test
    void aCertificateTrackersSnapshotCarriesTheAlertsAndOutboxThrough() {
        VigilState loaded = SampleStates.small().withAlerts(SampleStates.alerting().alerts(),
                SampleStates.alerting().outbox(), SampleStates.alerting().nextSequence());

        CertTracker tracker = new CertTracker(loaded, new FakeClock(SampleStates.NOW), event -> { },
                (settings, names) -> List.of(), Runnable::run);

        assertEquals(loaded, tracker.snapshot());
    }
}
