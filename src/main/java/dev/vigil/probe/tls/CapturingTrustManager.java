package dev.vigil.probe.tls;

import java.security.cert.X509Certificate;

/**
 * Accepts any server chain and keeps it, so a handshake with an untrusted, expired or misnamed certificate still
 * completes and the chain can be reported; {@link ChainVerifier} judges it afterwards. One instance per handshake.
 */
final class CapturingTrustManager extends AcceptAnyTrustManager {
    private volatile X509Certificate[] chain = new X509Certificate[0];

    X509Certificate[] chain() {
        return chain.clone();
    }

    @Override
    protected void accepted(X509Certificate[] presented) {
        chain = presented.clone();
    }
}
