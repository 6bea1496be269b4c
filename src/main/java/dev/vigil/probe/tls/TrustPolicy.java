package dev.vigil.probe.tls;

import dev.vigil.net.TrustStores;
import dev.vigil.probe.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What a probe trusts and whether it may go on when the chain does not verify.
 *
 * @param trust    the anchors chains are verified against (also for an insecure probe, to say what is wrong)
 * @param source   how messages name those anchors
 * @param insecure report but never fail on, and never call verified, the chain
 */
public record TrustPolicy(X509TrustManager trust, String source, boolean insecure) {
    /**
     * Reads the trust anchors {@code options} name. Reading and parsing a trust store is not for every run: callers
     * keep the policy. Throws {@link UncheckedIOException} naming the file when the CA file cannot be used.
     */
    public static TrustPolicy load(TlsOptions options) {
        try {
            X509TrustManager trust = options.caFile() == null ? TrustStores.jdkDefault() : TrustStores.fromPem(options.caFile());
            String source = options.caFile() == null ? "the JDK trust store" : "CA file " + options.caFile();
            return new TrustPolicy(trust, source, options.insecure());
        } catch (IOException e) {
            throw new UncheckedIOException("CA file " + options.caFile() + ": " + e.getMessage(), e);
        }
    }

    /** What the handshake itself checks: the anchors, or nothing for an insecure probe (the chain is judged after). */
    public TrustManager[] handshakeTrustManagers() {
        return new TrustManager[] {insecure ? new AcceptAnyTrustManager() : trust};
    }

    public ChainVerifier verifier(Clock clock) {
        return new ChainVerifier(trust, source, clock);
    }
}
