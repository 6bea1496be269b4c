package dev.vigil.probe;

import java.time.Duration;

/**
 * Time spent per phase, summed over redirects, like blackbox_exporter's {@code probe_http_duration_seconds{phase}}.
 * A phase that could not be observed on the path taken is null.
 */
public record Phases(Duration resolve, Duration connect, Duration tls, Duration processing, Duration transfer) {
    public static final Phases NONE = new Phases(null, null, null, null, null);

    /** Adds two observations phase by phase; a phase seen on neither side stays null. */
    public Phases plus(Phases other) {
        return new Phases(sum(resolve, other.resolve), sum(connect, other.connect), sum(tls, other.tls),
                sum(processing, other.processing), sum(transfer, other.transfer));
    }

    private static Duration sum(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.plus(b);
    }
}
