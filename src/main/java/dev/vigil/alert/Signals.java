package dev.vigil.alert;

import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.DuplicateLimit;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.TlsOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run says about each alert condition of its probe: pure over the result, what is known about the
 * certificate, and the probe's expiry thresholds.
 */
public final class Signals {
    private static final Set<FailureKind> CERTIFICATE = EnumSet.of(FailureKind.CERT_EXPIRED,
            FailureKind.CERT_NOT_YET_VALID, FailureKind.CERT_UNTRUSTED, FailureKind.CERT_HOSTNAME_MISMATCH);
    private static final Set<ChangeKind> UNEXPECTED = EnumSet.of(ChangeKind.REISSUE, ChangeKind.ISSUER_CHANGED,
            ChangeKind.NAMES_CHANGED, ChangeKind.EXPIRY_EARLIER);

    private Signals() {
    }

    /**
     * A signal for each condition the run judged (all but {@link Condition#CERT_CHANGED}), failing or not. The run
     * judges the certificate only when it saw the endpoint's: it passed, failed on the certificate, or failed later
     * than the handshake at the address it meant to reach. A run that reached no certificate (a refused connection)
     * or the wrong one (DNS pointing elsewhere, split brain) leaves {@code cert_invalid} out, so a firing alert is not
     * resolved on evidence the run did not get.
     */
    public static List<Signal> of(ProbeResult result, CertStatus cert, TlsOptions thresholds, LimitPolicy exactSet,
            Instant now) {
        Failure failure = result.failure();
        FailureKind kind = failure == null ? null : failure.kind();
        Map<String, String> facts = facts(result, cert, exactSet, now);
        String summary = failure == null ? "up" : kind.id() + ": " + failure.message();
        List<Signal> signals = new ArrayList<>();
        boolean certificate = CERTIFICATE.contains(kind);
        boolean mismatch = kind == FailureKind.DNS_LB_MISMATCH;
        signals.add(new Signal(Condition.DOWN, failure != null && !certificate && !mismatch, Severity.CRITICAL,
                summary, result.diagnosis(), facts));
        boolean sawCertificate = failure == null || certificate
                || result.tls() != null && !mismatch && kind != FailureKind.SPLIT_BRAIN;
        if (sawCertificate) {
            signals.add(certInvalid(certificate, summary, result.diagnosis(), cert, exactSet, facts, now));
        }
        signals.add(new Signal(Condition.DNS_LB_MISMATCH, mismatch, Severity.CRITICAL, summary, result.diagnosis(),
                facts));
        signals.add(expiring(cert, thresholds, facts, now));
        signals.add(duplicateLimit(cert, exactSet, facts, now));
        signals.add(churn(cert, exactSet, facts, now));
        signals.add(notServed(cert, facts, now));
        return signals;
    }

    /**
     * The certificate's failure; when the CA refuses the names served before, that cause is the summary and the
     * symptom (untrusted, names changed) follows it in the details.
     */
    private static Signal certInvalid(boolean failing, String summary, List<String> diagnosis, CertStatus cert,
            LimitPolicy exactSet, Map<String, String> facts, Instant now) {
        Signal symptom = new Signal(Condition.CERT_INVALID, failing, Severity.CRITICAL, summary, diagnosis, facts);
        return cert.refusal() == null ? symptom : ledBy(cert.refusal().sentence(exactSet, now), symptom);
    }

    /**
     * {@code symptom} told by its cause: {@code cause} is the summary, the symptom's summary is its first symptom, and
     * its details (the evidence) stay. A symptom not showing is left as it is: a cause is told only with what it
     * explains.
     */
    private static Signal ledBy(String cause, Signal symptom) {
        if (!symptom.failing()) {
            return symptom;
        }
        return new Signal(symptom.condition(), true, symptom.severity(), cause, symptom.details(), symptom.facts(),
                List.of(symptom.summary()), null);
    }

    /** The churn signature, a warning while the certificates that show it are within the limit's window. */
    private static Signal churn(CertStatus cert, LimitPolicy exactSet, Map<String, String> facts, Instant now) {
        return causeWarning(Condition.CERT_CHURN, cert.churn() == null ? null : cert.churn().sentence(exactSet, now),
                "no re-issue on every restart", facts);
    }

    /** A newer certificate in CT that the endpoint does not serve, a warning while it is not served. */
    private static Signal notServed(CertStatus cert, Map<String, String> facts, Instant now) {
        return causeWarning(Condition.CERT_NOT_SERVED, cert.notServed() == null ? null : cert.notServed().sentence(now),
                "no newer certificate unserved", facts);
    }

    /** A warning whose summary is its cause's sentence while the cause holds ({@code cause} not null). */
    private static Signal causeWarning(Condition condition, String cause, String quiet, Map<String, String> facts) {
        return new Signal(condition, cause != null, Severity.WARNING, cause == null ? quiet : cause, List.of(), facts);
    }

    /**
     * The event signal of a certificate change worth telling: a re-issue, another issuer, other names, an earlier
     * expiry; a renewal only when {@code renewals} asks for it. Empty for other events.
     */
    public static Optional<Signal> ofEvent(CertEvent event, boolean renewals) {
        boolean wanted = event.change().map(change -> UNEXPECTED.contains(change)
                || renewals && change == ChangeKind.RENEWAL).orElse(false);
        if (!wanted) {
            return Optional.empty();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        if (event.current() != null) {
            certificateFacts(event.current(), facts);
        }
        return Optional.of(new Signal(Condition.CERT_CHANGED, true, event.severity(), "certificate " + event.kind()
                + " at " + event.endpoint(), List.of(event.message()), facts));
    }

    /** The certificate's expiry; when its renewal is failing, that cause is the summary and the expiry follows it. */
    private static Signal expiring(CertStatus cert, TlsOptions thresholds, Map<String, String> facts, Instant now) {
        Observation current = cert.current();
        if (current == null) {
            return new Signal(Condition.CERT_EXPIRING, false, Severity.WARNING, "no certificate known", List.of(), facts);
        }
        long days = Math.floorDiv(now.until(current.notAfter(), ChronoUnit.SECONDS), 86_400L);
        boolean critical = days < thresholds.critDays();
        String summary = "certificate for " + String.join(", ", current.sans()) + " expires in " + days + " days ("
                + current.notAfter().truncatedTo(ChronoUnit.SECONDS) + ")";
        Signal expiry = new Signal(Condition.CERT_EXPIRING, days < thresholds.warnDays(),
                critical ? Severity.CRITICAL : Severity.WARNING, summary, List.of(), facts);
        return cert.renewalFailing() == null ? expiry : ledBy(cert.renewalFailing().sentence(now), expiry);
    }

    /** The limit of the set of names closest to exhausted, which after a fallback is the set served before. */
    private static Signal duplicateLimit(CertStatus cert, LimitPolicy exactSet, Map<String, String> facts,
            Instant now) {
        NameSetUsage limiting = cert.limiting();
        if (limiting == null) {
            return new Signal(Condition.DUPLICATE_LIMIT, false, Severity.WARNING, "no certificate known", List.of(),
                    facts);
        }
        LimitUsage usage = limiting.usage();
        String message = DuplicateLimit.message(exactSet, usage, limiting.scope(), now);
        return new Signal(Condition.DUPLICATE_LIMIT, usage.level() != LimitUsage.Level.OK,
                usage.level() == LimitUsage.Level.CRITICAL ? Severity.CRITICAL : Severity.WARNING, message,
                List.of(message), facts);
    }

    private static Map<String, String> facts(ProbeResult result, CertStatus cert, LimitPolicy exactSet,
            Instant now) {
        Map<String, String> facts = new LinkedHashMap<>();
        TlsFacts tls = result.tls();
        Observation known = cert.current();
        if (tls != null) {
            facts.put("Issuer", tls.leaf().issuer());
            facts.put("Serial", tls.leaf().serialHex());
            facts.put("Expires", tls.leaf().notAfter().truncatedTo(ChronoUnit.SECONDS).toString());
        } else if (known != null) {
            certificateFacts(known, facts);
        }
        if (cert.limiting() != null) {
            facts.put("Duplicate limit", DuplicateLimit.fact(exactSet, cert.limiting(), now));
        }
        if (cert.ctFailure() != null) {
            // The limit was counted without CT: certificates issued between two runs may be missing from it.
            facts.put("CT", cert.ctFailure().text());
        }
        DnsFacts dns = result.dns();
        if (dns != null) {
            facts.put("DNS", dns.answers().stream().filter(a -> a.error() == null)
                    .map(a -> a.resolver() + " → " + String.join(" ", a.addresses())).reduce((a, b) -> a + "; " + b)
                    .orElse("no answer"));
            if (!dns.expected().isEmpty()) {
                facts.put("Load balancer", String.join(" ", dns.expected()));
            }
        }
        return facts;
    }

    private static void certificateFacts(Observation cert, Map<String, String> facts) {
        facts.put("Issuer", cert.issuer());
        facts.put("Serial", cert.serialHex());
        facts.put("Expires", cert.notAfter().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
