package dev.vigil.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: an EC P-256 root, intermediates under it and leaves under either.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * Issued leaf = pki.leaf("api.test").sans("api.test").ipSans("127.0.0.1").validFor(Duration.ofDays(90)).issue();
 * SSLContext client = pki.clientSslContext();
 * }</pre>
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Issued root;

    private TestPki(Issued root) {
        this.root = root;
    }

    /** A new PKI whose root is named {@code CN=Vigil Test Root}. */
    public static TestPki create() {
        return create("Vigil Test Root");
    }

    /** A new PKI whose self-signed root CA has the given common name and is valid from an hour ago for ten years. */
    public static TestPki create(String rootCommonName) {
        Instant now = Instant.now();
        KeyPair keys = keyPair(false);
        X509Certificate cert = sign(null, keys.getPrivate(), name(rootCommonName), keys, randomSerial(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), true, List.of(), List.of());
        return new TestPki(new Issued(cert, keys.getPrivate(), List.of(cert)));
    }

    /** The root CA. Its {@link Issued#chain()} is just itself. */
    public Issued root() {
        return root;
    }

    /** A new intermediate CA signed by the root, valid like the root. */
    public Issued intermediate(String commonName) {
        return new CertificateSpec(root, commonName, true).issue();
    }

    /** Starts a leaf certificate signed by the root. */
    public CertificateSpec leaf(String commonName) {
        return new CertificateSpec(root, commonName, false);
    }

    /** Starts a leaf certificate signed by {@code issuer}, an intermediate from {@link #intermediate}. */
    public CertificateSpec leaf(String commonName, Issued issuer) {
        return new CertificateSpec(issuer, commonName, false);
    }

    /** Starts a self-signed leaf that no CA vouches for (and that is no CA itself). */
    public static CertificateSpec selfSigned(String commonName) {
        return new CertificateSpec(null, commonName, false);
    }

    /** A trust manager that trusts this PKI's root and nothing else. */
    public X509TrustManager trustManager() {
        return trustManager(root.certificate());
    }

    /** A client TLS context trusting only this PKI's root; reuse it and the JDK resumes sessions. */
    public SSLContext clientSslContext() {
        return clientSslContext(root.certificate());
    }

    /** A trust manager that trusts exactly {@code anchors}. */
    public static X509TrustManager trustManager(X509Certificate... anchors) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore(anchors));
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build trust manager", e);
        }
    }

    /**
     * Writes a PKCS12 trust store of {@code anchors} to {@code file} and returns it: for a child JVM's
     * {@code javax.net.ssl.trustStore}, which its default {@code SSLContext} then trusts instead of the JDK's CAs.
     */
    public static Path writeTrustStore(Path file, String password, X509Certificate... anchors) {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore(anchors).store(out, password.toCharArray());
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** An in-memory PKCS12 store holding {@code anchors} as trusted certificates. */
    private static KeyStore trustStore(X509Certificate... anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                store.setCertificateEntry("anchor-" + i, anchors[i]);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build trust store", e);
        }
    }

    /** A client TLS context trusting exactly {@code anchors}. */
    public static SSLContext clientSslContext(X509Certificate... anchors) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {trustManager(anchors)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build client SSLContext", e);
        }
    }

    /** Writes the certificates as a PEM bundle (e.g. for {@code --ca-file}) and returns {@code file}. */
    public static Path writePem(Path file, X509Certificate... certificates) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        try (Writer out = Files.newBufferedWriter(file)) {
            for (X509Certificate certificate : certificates) {
                out.write("-----BEGIN CERTIFICATE-----\n");
                out.write(base64.encodeToString(certificate.getEncoded()));
                out.write("\n-----END CERTIFICATE-----\n");
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /**
     * What to put in one certificate. Defaults: EC P-256 key, random positive serial, valid from an hour ago for
     * 90 days, no SANs.
     */
    public static final class CertificateSpec {
        private final Issued issuer;
        private final String commonName;
        private final boolean ca;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = notBefore.plus(Duration.ofDays(90));
        private BigInteger serial = randomSerial();
        private boolean rsa;

        private CertificateSpec(Issued issuer, String commonName, boolean ca) {
            this.issuer = issuer;
            this.commonName = commonName;
            this.ca = ca;
            if (ca) {
                notAfter = notBefore.plus(Duration.ofDays(3650));
            }
        }

        /** Adds DNS subject alternative names. */
        public CertificateSpec sans(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        /** Adds IP address subject alternative names, as literals such as {@code 127.0.0.1}. */
        public CertificateSpec ipSans(String... addresses) {
            ipAddresses.addAll(List.of(addresses));
            return this;
        }

        /** Valid from an hour ago (to absorb clock skew) until {@code duration} from now. */
        public CertificateSpec validFor(Duration duration) {
            Instant now = Instant.now();
            return validBetween(now.minus(Duration.ofHours(1)), now.plus(duration));
        }

        /** Valid between the two instants; X.509 keeps whole seconds, so both are truncated to seconds. */
        public CertificateSpec validBetween(Instant from, Instant until) {
            notBefore = from.truncatedTo(ChronoUnit.SECONDS);
            notAfter = until.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /** Uses this serial number instead of a random one; it must be positive. */
        public CertificateSpec serial(BigInteger value) {
            serial = value;
            return this;
        }

        /** Uses an RSA 2048 key instead of EC P-256. */
        public CertificateSpec rsa() {
            rsa = true;
            return this;
        }

        /** Makes the key and signs the certificate. */
        public Issued issue() {
            KeyPair keys = keyPair(rsa);
            X509Certificate cert = sign(issuer == null ? null : issuer.certificate(),
                    issuer == null ? keys.getPrivate() : issuer.key(), name(commonName), keys, serial, notBefore,
                    notAfter, ca, dnsNames, ipAddresses);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            // A server sends intermediates but never the root, and a root's chain is only itself.
            if (issuer != null && !isSelfSigned(issuer.certificate())) {
                chain.addAll(issuer.chain());
            }
            return new Issued(cert, keys.getPrivate(), chain);
        }
    }

    private static boolean isSelfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    private static BigInteger randomSerial() {
        // 63 random bits plus one keeps the serial positive and non-zero, as RFC 5280 requires.
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName);
    }

    private static X500Name name(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    private static KeyPair keyPair(boolean rsa) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate key pair", e);
        }
    }

    /** Builds and signs one certificate; {@code issuerCert} is null when it signs itself. */
    private static X509Certificate sign(X509Certificate issuerCert, PrivateKey signingKey, X500Name subject,
                                        KeyPair keys, BigInteger serial, Instant notBefore, Instant notAfter,
                                        boolean ca, List<String> dnsNames, List<String> ipAddresses) {
        try {
            X500Name issuer = issuerCert == null ? subject : name(issuerCert);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCert));
            }
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
            ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            String algorithm = "RSA".equals(signingKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign certificate for " + subject, e);
        }
    }
}
