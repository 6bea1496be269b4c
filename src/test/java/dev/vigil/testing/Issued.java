package dev.vigil.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate made by {@link TestPki} together with its private key.
 *
 * @param certificate the certificate itself
 * @param key         its private key
 * @param chain       what a server presenting this certificate should send: this certificate, then any
 *                    intermediates, never the root
 */
public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
    /** Alias of the single key entry in every key store built here. */
    public static final String ALIAS = "vigil-test";

    public Issued {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
    }

    /** An in-memory PKCS12 key store holding this key and its chain under {@link #ALIAS}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build key store", e);
        }
    }

    /** Writes {@link #keyStore} to {@code file}, e.g. for WireMock's {@code keystorePath}, and returns the file. */
    public Path writePkcs12(Path file, String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password.toCharArray()).store(out, password.toCharArray());
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** A server-side TLS context that always presents this certificate. */
    public SSLContext serverSslContext() {
        try {
            // The store never leaves memory; PKCS12 just insists on some password.
            char[] password = "in-memory".toCharArray();
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build server SSLContext", e);
        }
    }
}
