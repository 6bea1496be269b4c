package dev.vigil.probe.tls;

import dev.vigil.probe.FailureKind;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.TlsOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust policies of one prober, read once per CA file for its life (a new prober reads them afresh): reading and
 * parsing a trust store is not for every run.
 */
public final class TrustPolicies {
    private final Map<Key, TrustPolicy> policies = new ConcurrentHashMap<>();

    private record Key(Path caFile, boolean insecure) {
    }

    /** The policy {@code options} ask for; a CA file that cannot be read fails the run as {@code cert_untrusted}. */
    public TrustPolicy of(TlsOptions options) throws ProbeException {
        try {
            return policies.computeIfAbsent(new Key(options.caFile(), options.insecure()),
                    key -> TrustPolicy.load(options));
        } catch (UncheckedIOException e) {
            // Checked when the config was loaded, so the file changed since; nothing can be verified without it.
            throw new ProbeException(FailureKind.CERT_UNTRUSTED, "cannot verify any certificate: " + e.getMessage(), e);
        }
    }
}
