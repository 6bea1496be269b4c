package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.cert.CertTracker;
import dev.vigil.testing.FakeClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the state file's owner saves through the certificate tracker keeps what the alerts keep in the state. */
class SnapshotTest {
    @TempDir
    Path dir;

    @Test
    void aCertificateTrackersSnapshotCarriesTheAlertsAndOutboxThrough() throws Exception {
        VigilState loaded = SampleStates.small().withAlerts(SampleStates.alerting().alerts(),
                SampleStates.alerting().outbox(), SampleStates.alerting().nextSequence());
        FakeClock clock = new FakeClock(SampleStates.NOW);
        try (StateStore store = StateStore.open(dir, clock)) {
            store.save(loaded);
        }

        try (StateFile file = StateFile.open(dir, clock)) {
            CertTracker tracker = new CertTracker(file.loaded().endpoints(), clock, event -> { },
                    (settings, names) -> List.of(), Runnable::run);
            file.register(StatePart.certificates(tracker));

            assertEquals(loaded, file.snapshot());
        }
    }
}
