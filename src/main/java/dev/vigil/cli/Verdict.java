package dev.vigil.cli;

import dev.vigil.cert.CertEvent;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.TlsOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A probe result judged as a Nagios status with a one-line reason. Pure over the result, thresholds and clock. */
record Verdict(NagiosStatus status, String reason) {

    public static Verdict of(ProbeResult result, TlsOptions thresholds, Clock clock) {
        if (result.failure() != null) {
            // Nagios' convention: a plugin that could not tell is UNKNOWN, not CRITICAL.
            NagiosStatus status = result.failure().kind() == FailureKind.INTERNAL ? NagiosStatus.UNKNOWN
                    : NagiosStatus.CRITICAL;
            return new Verdict(status, result.failure().kind().id() + ": " + result.failure().message());
        }
        TlsFacts tls = result.tls();
        // A probe of the TLS kind has a handshake and no response.
        String summary = result.http() != null ? "answered " + result.http().status()
                : tls != null ? "handshake completed (" + tls.version() + ")" : "up";
        if (tls != null) {
            Instant now = clock.instant();
            Instant expiry = tls.earliestExpiry();
            String expires = "certificate expires in " + tls.daysLeft(clock) + " days (" + expiry.truncatedTo(ChronoUnit.SECONDS) + ")";
            if (expiry.isBefore(now.plus(Duration.ofDays(thresholds.critDays())))) {
                return new Verdict(NagiosStatus.CRITICAL, expires + ", within --crit-days " + thresholds.critDays());
            }
            if (expiry.isBefore(now.plus(Duration.ofDays(thresholds.warnDays())))) {
                return new Verdict(NagiosStatus.WARNING, expires + ", within --warn-days " + thresholds.warnDays());
            }
            return new Verdict(NagiosStatus.OK, summary + ", " + expires);
        }
        return new Verdict(NagiosStatus.OK, summary);
    }

    /**
     * This verdict made at least as bad as the certificate events of the run: a warning event makes it WARNING, a
     * critical one CRITICAL, and the reason then names the worst event.
     */
    public Verdict with(List<CertEvent> events) {
        Verdict worst = this;
        for (CertEvent event : events) {
            NagiosStatus status = switch (event.severity()) {
                case INFO -> NagiosStatus.OK;
                case WARNING -> NagiosStatus.WARNING;
                case CRITICAL -> NagiosStatus.CRITICAL;
            };
            if (status.worse(worst.status()) != worst.status()) {
                worst = new Verdict(status, "certificate " + event.kind() + ": " + event.message());
            }
        }
        return worst;
    }
}
