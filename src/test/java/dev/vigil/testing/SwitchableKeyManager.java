package dev.vigil.testing;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Server key manager presenting whichever certificate was set last, and counting full handshakes.
 *
 * <p>The JDK asks for a server alias when it must send a Certificate message, i.e. on a full handshake, and
 * also, with its default stateless TLS 1.3 tickets, when it rebuilds a resumed session from a ticket (inside
 * {@code sun.security.ssl.SSLSessionImpl}, to check the ticket's certificates are still the ones served; if not,
 * the resumption is refused and a full handshake follows). Alias choices outside that rebuilding therefore count
 * full handshakes; {@code TlsTestServerHandshakeTest} proves it on the running JDK.
 *
 * <p>Each certificate gets its own alias so that a switch between choosing the alias and fetching its key cannot
 * mix two certificates.
 */
final class SwitchableKeyManager extends X509ExtendedKeyManager {
    private final Map<String, Issued> byAlias = new ConcurrentHashMap<>();
    private final AtomicReference<String> current = new AtomicReference<>();
    private final AtomicInteger aliasCounter = new AtomicInteger();
    private final AtomicInteger fullHandshakes = new AtomicInteger();

    SwitchableKeyManager(Issued initial) {
        serve(initial);
    }

    void serve(Issued issued) {
        String alias = "cert-" + aliasCounter.incrementAndGet();
        byAlias.put(alias, issued);
        current.set(alias);
    }

    int fullHandshakes() {
        return fullHandshakes.get();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        String alias = current.get();
        // The JDK asks once per key type it could use (EC, RSA, ...); only the matching one counts.
        if (!byAlias.get(alias).key().getAlgorithm().equals(keyType)) {
            return null;
        }
        if (!restoringTicket()) {
            fullHandshakes.incrementAndGet();
        }
        return alias;
    }

    private static boolean restoringTicket() {
        return StackWalker.getInstance().walk(frames -> frames
                .anyMatch(frame -> frame.getClassName().equals("sun.security.ssl.SSLSessionImpl")));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, (Socket) null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = current.get();
        return byAlias.get(alias).key().getAlgorithm().equals(keyType) ? new String[] {alias} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Issued issued = byAlias.get(alias);
        return issued == null ? null : issued.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Issued issued = byAlias.get(alias);
        return issued == null ? null : issued.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
