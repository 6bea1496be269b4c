package dev.vigil.demo;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one X.509 v3 certificate says, and its encoding (RFC 5280) signed with ECDSA P-256 and SHA-256: enough for a
 * CA, a server certificate and a self-signed default certificate, with only the JDK.
 *
 * @param serial    a positive serial number
 * @param issuer    the issuer's name
 * @param subject   the subject's name
 * @param notBefore the start of validity, to the second
 * @param notAfter  the end of validity, to the second
 * @param key       the subject's public key (its {@code getEncoded()} is the SubjectPublicKeyInfo)
 * @param dnsNames  the subjectAltName DNS names; empty for none
 * @param ca        a CA certificate (basicConstraints CA, keyCertSign) rather than a server's (serverAuth)
 */
record CertificateSpec(BigInteger serial, DistinguishedName issuer, DistinguishedName subject, Instant notBefore,
        Instant notAfter, PublicKey key, List<String> dnsNames, boolean ca) {
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    private static final int DNS_NAME = 2;
    private static final int VERSION_3 = 2;

    CertificateSpec {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "key");
        dnsNames = List.copyOf(dnsNames);
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial must be positive, got " + serial);
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** The certificate signed by {@code issuerKey}, an EC P-256 key, parsed back by the JDK. */
    X509Certificate sign(PrivateKey issuerKey) throws GeneralSecurityException {
        byte[] tbs = tbs();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, algorithm(), Der.bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** The TBSCertificate. */
    byte[] tbs() {
        return Der.sequence(
                Der.explicit(0, Der.integer(VERSION_3)),
                Der.integer(serial),
                algorithm(),
                issuer.encoded(),
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subject.encoded(),
                key.getEncoded(),
                Der.explicit(3, Der.sequence(extensions().toArray(byte[][]::new))));
    }

    private List<byte[]> extensions() {
        List<byte[]> extensions = new ArrayList<>();
        if (ca) {
            extensions.add(extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))));
            extensions.add(extension(KEY_USAGE, true, Der.namedBits(KEY_CERT_SIGN, CRL_SIGN)));
        } else {
            extensions.add(extension(BASIC_CONSTRAINTS, true, Der.sequence()));
            extensions.add(extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE)));
            extensions.add(extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))));
        }
        if (!dnsNames.isEmpty()) {
            byte[][] names = dnsNames.stream()
                    .map(name -> Der.implicitPrimitive(DNS_NAME, name.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(byte[][]::new);
            extensions.add(extension(SUBJECT_ALT_NAME, false, Der.sequence(names)));
        }
        return extensions;
    }

    /** An Extension; {@code critical} is written only when true, as DER leaves out a default. */
    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] algorithm() {
        return Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    }
}
