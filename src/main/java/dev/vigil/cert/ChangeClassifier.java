package dev.vigil.cert;

import dev.vigil.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges how the certificate an endpoint serves now differs from the one it served before: renewed on time,
 * re-issued early, from another CA, for other names, or expiring sooner.
 */
final class ChangeClassifier {
    private ChangeClassifier() {
    }

    /**
     * The changes from {@code old} to {@code current}, seen at {@code current.firstSeen()}; empty when both are the
     * same certificate. Issuer and name changes come first; a certificate with neither is a renewal when {@code old}
     * was due by {@code window}, else a re-issue; an earlier expiry is reported on top of any of these.
     */
    public static List<CertChange> classify(Observation old, Observation current, RenewalWindow window) {
        if (old.sameCertificate(current)) {
            return List.of();
        }
        String replaced = "serial " + old.serialHex() + " replaced by " + current.serialHex();
        // Clients refuse an unverified certificate: the outage itself, whether a new issuer (an ingress's default
        // certificate) or names no longer covering the host caused it, so either change is critical then.
        Severity unlessVerified = current.verified() ? Severity.WARNING : Severity.CRITICAL;
        String trust = current.verified() ? "" : ", which does not verify";
        List<CertChange> changes = new ArrayList<>();
        String oldFamily = IssuerFamily.of(old);
        String newFamily = IssuerFamily.of(current);
        if (!oldFamily.equals(newFamily)) {
            changes.add(change(old, current, ChangeKind.ISSUER_CHANGED, unlessVerified,
                    "issuer changed from " + oldFamily + " to " + withDn(newFamily, current) + trust + ": " + replaced));
        }
        if (!old.sans().equals(current.sans())) {
            changes.add(change(old, current, ChangeKind.NAMES_CHANGED, unlessVerified,
                    "names changed (" + nameDifference(old, current) + ")" + trust + ": " + replaced));
        }
        if (changes.isEmpty()) {
            changes.add(renewalOrReissue(old, current, window, replaced, newFamily));
        }
        if (current.notAfter().isBefore(old.notAfter())) {
            changes.add(change(old, current, ChangeKind.EXPIRY_EARLIER, Severity.WARNING,
                    "new certificate expires " + current.notAfter() + ", "
                            + Durations.largestUnit(Duration.between(current.notAfter(), old.notAfter()))
                            + " before the old one would have (" + old.notAfter() + "): " + replaced));
        }
        return List.copyOf(changes);
    }

    private static CertChange renewalOrReissue(Observation old, Observation current, RenewalWindow window,
            String replaced, String family) {
        Instant at = current.firstSeen();
        String whenInOldLife = at.isBefore(old.notAfter())
                ? Durations.largestUnit(Duration.between(at, old.notAfter())) + " before the old one expired"
                : Durations.largestUnit(Duration.between(old.notAfter(), at)) + " after the old one expired";
        String same = "(same names, " + (family.equals(IssuerFamily.SELF_SIGNED) ? "both self-signed)"
                : "same issuer " + family + ")");
        boolean due = window.isDue(old, at);
        return change(old, current, due ? ChangeKind.RENEWAL : ChangeKind.REISSUE, due ? Severity.INFO : Severity.WARNING,
                "certificate " + (due ? "renewed " : "re-issued ") + whenInOldLife + ": " + replaced + " " + same);
    }

    private static String withDn(String family, Observation cert) {
        return family.equals(cert.issuer()) ? family : family + " (" + cert.issuer() + ")";
    }

    private static String nameDifference(Observation old, Observation current) {
        List<String> added = current.sans().stream().filter(name -> !old.sans().contains(name)).toList();
        List<String> removed = old.sans().stream().filter(name -> !current.sans().contains(name)).toList();
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        return String.join("; ", parts);
    }

    private static CertChange change(Observation old, Observation current, ChangeKind kind, Severity severity,
            String message) {
        return new CertChange(current.firstSeen(), kind, severity, old.serialHex(), current.serialHex(), message);
    }
}
