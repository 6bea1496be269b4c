package dev.vigil.cert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate a CA issued, as counted against its rate limits: known from a handshake or from Certificate
 * Transparency logs.
 *
 * @param serialHex    the serial, lowercase hex; one certificate counts once however often it is seen
 * @param notBefore    when it was issued (its start of validity)
 * @param sans         its names, as {@link Observation#nameSet}
 * @param issuerFamily who issued it, as {@link IssuerFamily} names it ({@code self-signed} for a default certificate);
 *                     null when not known, as for CT answers kept in a state file, which hold only counted ones
 * @param notAfter     when it expires; null when not known, as for CT answers in state files written before it was kept
 */
public record Issuance(String serialHex, Instant notBefore, List<String> sans, String issuerFamily, Instant notAfter) {
    public Issuance {
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(notBefore, "notBefore");
        sans = Observation.nameSet(sans);
    }

    /** A certificate whose end of validity is not known. */
    public Issuance(String serialHex, Instant notBefore, List<String> sans, String issuerFamily) {
        this(serialHex, notBefore, sans, issuerFamily, null);
    }

    /** A certificate whose issuer is not known; it counts against every limit. */
    public Issuance(String serialHex, Instant notBefore, List<String> sans) {
        this(serialHex, notBefore, sans, null);
    }

    /** A certificate a CT log lists as issued by {@code issuerDn}, a CA's distinguished name. */
    public static Issuance logged(String serialHex, Instant notBefore, List<String> sans, String issuerDn) {
        return logged(serialHex, notBefore, null, sans, issuerDn);
    }

    /** A certificate a CT log lists as issued by {@code issuerDn}, valid until {@code notAfter} (null if not known). */
    public static Issuance logged(String serialHex, Instant notBefore, Instant notAfter, List<String> sans,
            String issuerDn) {
        return new Issuance(serialHex, notBefore, sans, IssuerFamily.ofIssuer(issuerDn), notAfter);
    }

    /** The certificate {@code observation} shows. */
    static Issuance of(Observation observation) {
        return new Issuance(observation.serialHex(), observation.notBefore(), observation.sans(),
                IssuerFamily.of(observation), observation.notAfter());
    }
}
