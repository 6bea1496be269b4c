package dev.vigil.agent;

import dev.vigil.cert.CertEvent;
import dev.vigil.state.StateFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of what the agent remembers: {@code vigil_state_*} of the state file, {@code vigil_cert_changes} per
 * probe and kind, and {@code vigil_ct_query_errors}.
 */
final class HistoryMetrics {
    private final MeterRegistry registry;

    HistoryMetrics(MeterRegistry registry, StateFile state, Certificates certificates) {
        this.registry = registry;
        FunctionCounter.builder("vigil.state.recovered", state, file -> file.recoveredFrom() == null ? 0 : 1)
                .description("State files found corrupt or unreadable, moved aside and started afresh")
                .register(registry);
        FunctionCounter.builder("vigil.state.save.failures", state, StateFile::saveFailures)
                .description("Saves of the state file that failed (e.g. a full disk); the previous file is kept")
                .register(registry);
        FunctionCounter.builder("vigil.ct.query.errors", certificates, Certificates::ctErrors)
                .description("Certificate Transparency lookups that failed").register(registry);
    }

    /** Counts {@code event} when it is a certificate change. */
    void count(CertEvent event) {
        event.change().ifPresent(kind -> Counter.builder("vigil.cert.changes")
                .description("Certificate changes seen, by kind").tag("probe", event.probe()).tag("kind", kind.id())
                .register(registry).increment());
    }

    /** Takes away the probe's change counters once it is no longer configured. */
    void forget(String probeName) {
        registry.find("vigil.cert.changes").tag("probe", probeName).meters().forEach(registry::remove);
    }
}
