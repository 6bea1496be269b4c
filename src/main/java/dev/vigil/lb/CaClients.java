package dev.vigil.lb;

import dev.vigil.net.TrustStores;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * One {@link HttpClient} per CA bundle, trusting exactly that bundle. A bundle is read again when its modification
 * time or size changes, as when Kubernetes rotates a mounted {@code ca.crt}. Thread-safe.
 */
final class CaClients implements AutoCloseable {
    private record Loaded(FileTime modified, long size, HttpClient http) {
    }

    private final Map<Path, Loaded> byFile = new HashMap<>();
    private boolean closed;

    /** The client for {@code caFile}; a failure's message says what is wrong with the file, the caller names it. */
    synchronized HttpClient forCa(Path caFile) throws IOException {
        if (closed) {
            throw new IllegalStateException("the Kubernetes API reader is closed");
        }
        Path key = caFile.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(key, BasicFileAttributes.class);
        Loaded loaded = byFile.get(key);
        if (loaded != null && loaded.modified().equals(attributes.lastModifiedTime())
                && loaded.size() == attributes.size()) {
            return loaded.http();
        }
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext(key)).build();
        byFile.put(key, new Loaded(attributes.lastModifiedTime(), attributes.size(), http));
        if (loaded != null) {
            loaded.http().shutdown(); // requests under way on the old bundle still finish
        }
        return http;
    }

    private static SSLContext sslContext(Path caFile) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TrustStores.fromPem(caFile)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        byFile.values().forEach(loaded -> loaded.http().shutdownNow());
        byFile.clear();
    }
}
