package dev.vigil.demo;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its private key and the chain a server sends.
 *
 * @param key   the certificate's private key
 * @param chain the certificate first, then its issuers up to, not including, the trust anchor
 */
record Credential(PrivateKey key, List<X509Certificate> chain) {
    Credential {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs its certificate");
        }
    }

    X509Certificate certificate() {
        return chain.getFirst();
    }
}
