package dev.vigil.cert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate a CA issued, as counted against its rate limits: known from a handshake or from Certificate
 * Transparency logs.
 *
 * @param serialHex the serial, lowercase hex; one certificate counts once however often it is seen
 * @param notBefore when it was issued (its start of validity)
 * @param sans      its names, as {@link Observation#nameSet}
 */
public record Issuance(String serialHex, Instant notBefore, List<String> sans) {
    public Issuance {
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(notBefore, "notBefore");
        sans = Observation.nameSet(sans);
    }
}
