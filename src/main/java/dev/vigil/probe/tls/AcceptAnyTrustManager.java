package dev.vigil.probe.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets any server chain through the handshake, host name included (an extended trust manager does the identity check
 * itself, so this one simply does not). For insecure probes and for capturing; never for a verdict.
 */
class AcceptAnyTrustManager extends X509ExtendedTrustManager {
    /** Called with every accepted server chain; subclasses may keep it. */
    protected void accepted(X509Certificate[] presented) {
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] presented, String authType) {
        accepted(presented);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
        accepted(presented);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        accepted(presented);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] presented, String authType) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
