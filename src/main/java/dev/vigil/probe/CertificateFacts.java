package dev.vigil.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one certificate of a served chain says.
 *
 * @param subject   full subject DN, RFC 2253
 * @param issuer    full issuer DN, RFC 2253
 * @param serialHex serial number as lowercase hex of its bytes, leading zeros kept (blackbox_exporter's form)
 * @param sans      subject alternative names: DNS names and IP addresses, in certificate order
 * @param notBefore start of validity
 * @param notAfter  end of validity
 * @param sha256    SHA-256 fingerprint of the DER encoding, lowercase hex
 * @param keyType   public key algorithm, e.g. EC or RSA
 * @param keyBits   public key size in bits
 */
public record CertificateFacts(
        String subject,
        String issuer,
        String serialHex,
        List<String> sans,
        Instant notBefore,
        Instant notAfter,
        String sha256,
        String keyType,
        int keyBits) {

    public CertificateFacts {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        sans = List.copyOf(sans);
    }
}
