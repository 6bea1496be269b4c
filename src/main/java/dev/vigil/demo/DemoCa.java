package dev.vigil.demo;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A throw-away CA for the demo, made in memory at each run: a root to trust and an intermediate named like Let's
 * Encrypt's, so that Vigil's default limit issuers ({@code O=Let's Encrypt}) count its certificates. Its
 * organisational unit says it is a demo. Keys are EC P-256.
 */
final class DemoCa {
    /** The intermediate's name: Vigil matches the organisation, so only {@code O} must read "Let's Encrypt". */
    static final DistinguishedName INTERMEDIATE = new DistinguishedName("US", "Let's Encrypt",
            "Vigil demo CA - throw-away", "R11");
    private static final DistinguishedName ROOT = new DistinguishedName("US", "Vigil demo", "throw-away",
            "Vigil Demo Root X1");
    private static final Duration CA_LIFE = Duration.ofDays(365);
    /** Let's Encrypt's certificates live 90 days. */
    static final Duration LEAF_LIFE = Duration.ofDays(90);
    private static final int SERIAL_BITS = 64;

    private final SecureRandom random;
    private final X509Certificate root;
    private final Credential intermediate;

    private DemoCa(SecureRandom random, X509Certificate root, Credential intermediate) {
        this.random = random;
        this.root = root;
        this.intermediate = intermediate;
    }

    /** A new root and intermediate, valid from a day before {@code now} for a year. */
    static DemoCa create(Instant now) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        Instant from = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        KeyPair rootKeys = keyPair();
        X509Certificate root = new CertificateSpec(serial(random), ROOT, ROOT, from, from.plus(CA_LIFE),
                rootKeys.getPublic(), List.of(), true).sign(rootKeys.getPrivate());
        KeyPair intermediateKeys = keyPair();
        X509Certificate intermediate = new CertificateSpec(serial(random), ROOT, INTERMEDIATE, from,
                from.plus(CA_LIFE), intermediateKeys.getPublic(), List.of(), true).sign(rootKeys.getPrivate());
        return new DemoCa(random, root, new Credential(intermediateKeys.getPrivate(), List.of(intermediate)));
    }

    /** The root, to trust ({@code tls.caFile}). */
    X509Certificate root() {
        return root;
    }

    /**
     * A server certificate for {@code names} (the first is its CN) valid for 90 days from {@code notBefore}, with the
     * intermediate in its chain.
     */
    Credential issue(List<String> names, Instant notBefore) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
        X509Certificate leaf = new CertificateSpec(serial(random), INTERMEDIATE, DistinguishedName.of(names.getFirst()),
                from, from.plus(LEAF_LIFE), keys.getPublic(), names, false).sign(intermediate.key());
        return new Credential(keys.getPrivate(), List.of(leaf, intermediate.certificate()));
    }

    /**
     * A self-signed certificate named {@code commonName} for {@code names}, as an ingress makes for itself when it has
     * no other: Traefik's {@code TRAEFIK DEFAULT CERT}.
     */
    static Credential selfSigned(String commonName, List<String> names, Instant notBefore)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        DistinguishedName name = DistinguishedName.of(commonName);
        Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = new CertificateSpec(serial(new SecureRandom()), name, name, from,
                from.plus(CA_LIFE), keys.getPublic(), names, false).sign(keys.getPrivate());
        return new Credential(keys.getPrivate(), List.of(cert));
    }

    private static BigInteger serial(SecureRandom random) {
        // Positive, never zero, and always 16 hex digits: the messages list serials, and equal widths read best.
        return new BigInteger(SERIAL_BITS - 1, random).setBit(SERIAL_BITS - 2);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
