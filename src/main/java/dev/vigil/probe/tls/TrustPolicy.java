package dev.vigil.probe.tls;

import dev.vigil.probe.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Map<Key, TrustPolicy> CACHE = new ConcurrentHashMap<>();

    private record Key(Path caFile, boolean insecure) {
    }

    /**
     * The policy for {@code options}, built once per CA file: trust stores are read from disk and parsed, which a probe
     * run should not repeat. Throws {@link UncheckedIOException} naming the file when the CA file cannot be read.
     */
    public static TrustPolicy of(TlsOptions options) {
        return CACHE.computeIfAbsent(new Key(options.caFile(), options.insecure()), key -> {
            try {
                X509TrustManager trust = key.caFile() == null ? TrustStores.jdkDefault() : TrustStores.fromPem(key.caFile());
                String source = key.caFile() == null ? "the JDK trust store" : "CA file " + key.caFile();
                return new TrustPolicy(trust, source, key.insecure());
            } catch (IOException e) {
                throw new UncheckedIOException("CA file " + key.caFile() + ": " + e.getMessage(), e);
            }
        });
    }

    /** What the handshake itself checks: the anchors, or nothing for an insecure probe (the chain is judged after). */
    public TrustManager[] handshakeTrustManagers() {
        return new TrustManager[] {insecure ? new AcceptAnyTrustManager() : trust};
    }

    public ChainVerifier verifier(Clock clock) {
        return new ChainVerifier(trust, source, clock);
    }
}
