package dev.vigil.cert;

import java.util.List;

/**
 * Which certificates count against a CA's rate limits: only those that CA issued. A self-signed certificate, such as
 * an ingress's default certificate, was issued by no CA and never counts.
 */
final class LimitIssuers {
    private LimitIssuers() {
    }

    /**
     * Whether {@code issuance} counts against the limits of the CA whose issuer organisations are {@code issuers}
     * (compared ignoring case with {@link IssuerFamily}). One of unknown issuer counts: only CT answers lack it, and
     * those were filtered when they came in.
     */
    static boolean counts(List<String> issuers, Issuance issuance) {
        String family = issuance.issuerFamily();
        if (family == null) {
            return true;
        }
        return !family.equals(IssuerFamily.SELF_SIGNED) && issuers.stream().anyMatch(family::equalsIgnoreCase);
    }
}
