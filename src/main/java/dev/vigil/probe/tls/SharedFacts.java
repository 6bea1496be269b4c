package dev.vigil.probe.tls;

import dev.vigil.probe.CertificateFacts;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * One instance of each certificate's facts while any probe's latest result holds them: probes of one endpoint, or of
 * hosts sharing a certificate, are served the same chain on every run, and each probe's result would otherwise hold a
 * copy of its subject, issuer, names and fingerprint (issue 17: about 1 KB a certificate). Keyed by the SHA-256
 * fingerprint, which the facts hold themselves: weak, so that facts no result holds any more are forgotten, and read
 * once, not on every run. Thread-safe.
 */
final class SharedFacts {
    private final Map<String, WeakReference<CertificateFacts>> seen = new WeakHashMap<>();

    /** The facts in use for the certificate with this fingerprint, else {@code read}'s, from then on in use. */
    CertificateFacts of(String sha256, Supplier<CertificateFacts> read) {
        CertificateFacts known = known(sha256);
        if (known != null) {
            return known;
        }
        CertificateFacts facts = read.get(); // outside the lock: parsing takes longer than a look-up
        synchronized (this) {
            CertificateFacts raced = known(sha256);
            if (raced != null) {
                return raced;
            }
            // The key is the facts' own fingerprint, so the entry lives exactly as long as the facts.
            seen.put(facts.sha256(), new WeakReference<>(facts));
            return facts;
        }
    }

    private synchronized CertificateFacts known(String sha256) {
        WeakReference<CertificateFacts> known = seen.get(sha256);
        return known == null ? null : known.get();
    }
}
