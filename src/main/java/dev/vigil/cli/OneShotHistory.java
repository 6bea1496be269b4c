package dev.vigil.cli;

import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertTracker;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.ct.CrtShClient;
import dev.vigil.cli.ProbeCommand.Target;
import dev.vigil.probe.ProbeResult;
import dev.vigil.state.StateFile;
import dev.vigil.state.StatePart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vigil probe --state-dir}: records the certificates a one-shot run saw into the state directory, as the agent
 * does, so a cron-driven check keeps history too.
 */
final class OneShotHistory {
    private OneShotHistory() {
    }

    /**
     * Records each target's result and returns the certificate events of each, in target order.
     *
     * @throws UncheckedIOException when the state directory cannot be locked, read or written
     */
    static List<List<CertEvent>> record(Path stateDir, Clock clock, List<Target> targets, List<ProbeResult> results,
            String userAgent) {
        List<List<CertEvent>> events = new ArrayList<>();
        try (StateFile state = StateFile.open(stateDir, clock); CrtShClient crtSh = new CrtShClient(userAgent)) {
            // One run at a time, so the sink files each event under the target being recorded.
            CertTracker tracker = new CertTracker(state.loaded().endpoints(), clock,
                    event -> events.getLast().add(event), crtSh, Runnable::run);
            state.register(StatePart.certificates(tracker));
            for (int i = 0; i < targets.size(); i++) {
                events.add(new ArrayList<>());
                Target target = targets.get(i);
                ProbeResult result = results.get(i);
                URI finalUrl = result.http() == null ? null : result.http().finalUrl();
                String probe = target.name() != null ? target.name() : target.spec().url().toString();
                Endpoint.servedAt(finalUrl, target.spec().url())
                        .ifPresent(endpoint -> tracker.record(probe, endpoint, target.cert(), result.tls()));
            }
            state.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return events;
    }
}
