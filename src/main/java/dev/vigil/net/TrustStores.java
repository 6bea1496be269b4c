package dev.vigil.net;

import dev.vigil.files.BoundedFiles.UnreadableFileException;
import dev.vigil.files.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the trust managers probes verify against: the JDK's default store, or a PEM bundle. */
public final class TrustStores {
    /** A CA bundle of every public root is about 200 KiB. */
    static final long MAX_PEM_BYTES = 1 << 20;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private TrustStores() {
    }

    /** The JDK's default trust store (cacerts, or what {@code javax.net.ssl.trustStore} names). */
    public static X509TrustManager jdkDefault() {
        return fromKeyStore(null);
    }

    /**
     * Trusts exactly the certificates in a PEM file of at most {@value #MAX_PEM_BYTES} bytes; a failure's message says
     * what is wrong (e.g. "no such file"), the caller says where.
     */
    public static X509TrustManager fromPem(Path pemFile) throws IOException {
        byte[] pem;
        try {
            pem = BoundedFiles.read(pemFile, MAX_PEM_BYTES, READ_TIMEOUT);
        } catch (UnreadableFileException e) {
            throw new IOException(e.reason(), e);
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw new IOException("no PEM certificate found");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            return fromKeyStore(store);
        } catch (GeneralSecurityException e) {
            throw new IOException("not a PEM certificate bundle (" + e.getMessage() + ")", e);
        }
    }

    private static X509TrustManager fromKeyStore(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise a trust manager", e);
        }
    }
}
