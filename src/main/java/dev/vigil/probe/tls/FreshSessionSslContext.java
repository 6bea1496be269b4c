package dev.vigil.probe.tls;

import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Clock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that can never resume a TLS session. JSSE caches client sessions per context (20,480 entries,
 * 24 h) and resumes them with servers that issue tickets; a resumed handshake sends no certificate, so a changed
 * certificate would go unseen and the reported chain would come from the cache. {@code setSessionCacheSize(1)} does
 * not stop it, so every engine and socket here comes from a brand-new inner context with an empty cache.
 */
public final class FreshSessionSslContext {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FreshSessionSslContext() {
    }

    /**
     * A context whose engines trust {@code trustManagers} and time their connection and handshake on {@code clock}
     * ({@link HandshakeTiming}); safe to share across threads and probes. Sockets are not timed: their callers time
     * them directly.
     */
    public static SSLContext create(TrustManager[] trustManagers, Clock clock) {
        SSLContext template = newContext(trustManagers);
        return new SSLContext(new Spi(trustManagers, template, clock), template.getProvider(), template.getProtocol()) {
        };
    }

    /** A one-off context; each call has its own empty session cache. */
    public static SSLContext newContext(TrustManager[] trustManagers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], trustManagers, RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a TLS context", e);
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final TrustManager[] trustManagers;
        private final SSLContext template;
        private final Clock clock;

        Spi(TrustManager[] trustManagers, SSLContext template, Clock clock) {
            this.trustManagers = trustManagers.clone();
            this.template = template;
            this.clock = clock;
        }

        private SSLContext fresh() {
            return newContext(trustManagers);
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return fresh().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return template.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new TimedEngine(fresh().createSSLEngine(), clock);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new TimedEngine(fresh().createSSLEngine(host, port), clock);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return template.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return template.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return template.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return template.getSupportedSSLParameters();
        }
    }
}
