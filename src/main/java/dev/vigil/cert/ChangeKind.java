package dev.vigil.cert;

import java.util.Locale;

/** How a certificate served at an endpoint differs from the one it replaced. */
public enum ChangeKind {
    /** New serial, same issuer family and names, and the old certificate was due for renewal. */
    RENEWAL,
    /** New serial, same issuer family and names, while the old certificate was far from expiry: re-issue churn. */
    REISSUE,
    /** Another issuer family, e.g. a public CA replaced by a self-signed default certificate. */
    ISSUER_CHANGED,
    /** Another set of subject alternative names. */
    NAMES_CHANGED,
    /** The new certificate expires before the one it replaced. */
    EXPIRY_EARLIER;

    /** The kind as written in metrics, logs and the state file, e.g. {@code issuer_changed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose {@link #id()} is {@code id}. */
    public static ChangeKind ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
