package dev.vigil.probe.tls;

import dev.vigil.probe.CertificateFacts;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** Pure functions turning certificates into {@link CertificateFacts}, in blackbox_exporter's conventions. */
public final class CertificateFactsReader {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private static final SharedFacts SHARED = new SharedFacts();

    private CertificateFactsReader() {
    }

    /** Facts for every X.509 certificate of {@code chain}, in order. */
    public static List<CertificateFacts> read(Certificate[] chain) {
        return Arrays.stream(chain).filter(X509Certificate.class::isInstance).map(c -> read((X509Certificate) c)).toList();
    }

    /** The facts of {@code cert}: the instance other results of the same certificate hold, if any. */
    public static CertificateFacts read(X509Certificate cert) {
        String fingerprint = sha256(cert);
        return SHARED.of(fingerprint, () -> read(cert, fingerprint));
    }

    private static CertificateFacts read(X509Certificate cert, String fingerprint) {
        return new CertificateFacts(
                cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                serialHex(cert.getSerialNumber()),
                subjectAltNames(cert),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                fingerprint,
                cert.getPublicKey().getAlgorithm(),
                keyBits(cert.getPublicKey()));
    }

    /**
     * Lowercase hex of the serial's magnitude bytes. Per byte, so a leading zero nibble is kept
     * ({@code BigInteger.toString(16)} would drop it); without Java's sign byte, as Go's {@code Bytes()}.
     */
    public static String serialHex(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        int from = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return HexFormat.of().formatHex(bytes, from, bytes.length);
    }

    /** DNS names and IP addresses from the subjectAltName extension, in certificate order. */
    public static List<String> subjectAltNames(X509Certificate cert) {
        Collection<List<?>> entries;
        try {
            entries = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (entries == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            if ((type == SAN_DNS || type == SAN_IP) && entry.get(1) instanceof String name) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate " + cert.getSubjectX500Principal(), e);
        }
    }

    private static int keyBits(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize();
            case RSAPublicKey rsa -> rsa.getModulus().bitLength();
            default -> 0;
        };
    }
}
