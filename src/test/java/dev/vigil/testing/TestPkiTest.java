package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
    private static final TestPki PKI = TestPki.create();

    @Test
    void validLeafCarriesNamesSerialAndVerifiesAgainstRoot() throws Exception {
        Issued leaf = PKI.leaf("api.test").sans("api.test", "www.api.test").ipSans("127.0.0.1")
                .serial(BigInteger.valueOf(0x1234)).validFor(Duration.ofDays(90)).issue();

        X509Certificate cert = leaf.certificate();
        assertEquals("CN=api.test", cert.getSubjectX500Principal().getName());
        assertEquals("CN=Vigil Test Root", cert.getIssuerX500Principal().getName());
        assertEquals(BigInteger.valueOf(0x1234), cert.getSerialNumber());
        assertEquals(List.of("api.test", "www.api.test", "127.0.0.1"), sans(cert));
        assertEquals(-1, cert.getBasicConstraints(), "a leaf is no CA");
        assertEquals(List.of(cert), leaf.chain());
        cert.checkValidity();
        PKI.trustManager().checkServerTrusted(leaf.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
    }

    @Test
    void expiredAndNotYetValidLeavesHaveTheChosenDates() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Issued expired = PKI.leaf("old.test").validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
                .issue();
        Issued future = PKI.leaf("new.test").validBetween(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
                .issue();

        assertEquals(now.minus(Duration.ofDays(1)), expired.certificate().getNotAfter().toInstant());
        assertThrows(CertificateExpiredException.class, expired.certificate()::checkValidity);
        assertEquals(now.plus(Duration.ofDays(1)), future.certificate().getNotBefore().toInstant());
        assertThrows(CertificateNotYetValidException.class, future.certificate()::checkValidity);
    }

    @Test
    void wrongHostLeafNamesOnlyTheOtherHost() throws Exception {
        Issued leaf = PKI.leaf("other.test").sans("other.test").issue();

        assertEquals(List.of("other.test"), sans(leaf.certificate()));
    }

    @Test
    void selfSignedLeafIsItsOwnIssuerAndNotTrustedByTheRoot() {
        Issued leaf = TestPki.selfSigned("self.test").sans("self.test").rsa().issue();

        X509Certificate cert = leaf.certificate();
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals("RSA", cert.getPublicKey().getAlgorithm());
        assertEquals(-1, cert.getBasicConstraints());
        X509TrustManager trust = PKI.trustManager();
        assertThrows(Exception.class, () -> trust.checkServerTrusted(new X509Certificate[] {cert}, "ECDHE_RSA"));
    }

    @Test
    void leafUnderIntermediateSendsIntermediateButNotRoot() throws Exception {
        Issued intermediate = PKI.intermediate("Vigil Test Intermediate");
        Issued leaf = PKI.leaf("chain.test", intermediate).sans("chain.test").issue();

        assertTrue(intermediate.certificate().getBasicConstraints() >= 0, "an intermediate is a CA");
        assertEquals("CN=Vigil Test Root", intermediate.certificate().getIssuerX500Principal().getName());
        assertEquals("CN=Vigil Test Intermediate", leaf.certificate().getIssuerX500Principal().getName());
        assertEquals(List.of(leaf.certificate(), intermediate.certificate()), leaf.chain());
        PKI.trustManager().checkServerTrusted(leaf.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
    }

    @Test
    void randomSerialsArePositiveAndDistinct() {
        BigInteger a = PKI.leaf("a.test").issue().certificate().getSerialNumber();
        BigInteger b = PKI.leaf("b.test").issue().certificate().getSerialNumber();

        assertTrue(a.signum() > 0 && b.signum() > 0);
        assertNotEquals(a, b);
    }

    @Test
    void pemAndPkcs12FilesReadBack(@TempDir Path dir) throws Exception {
        Issued intermediate = PKI.intermediate("Vigil Test Intermediate");
        Issued leaf = PKI.leaf("files.test", intermediate).issue();

        Path pem = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate(), intermediate.certificate());
        Collection<? extends java.security.cert.Certificate> read;
        try (var in = Files.newInputStream(pem)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        assertEquals(List.of(PKI.root().certificate(), intermediate.certificate()), List.copyOf(read));

        Path p12 = leaf.writePkcs12(dir.resolve("leaf.p12"), "secret");
        KeyStore store = KeyStore.getInstance(p12.toFile(), "secret".toCharArray());
        assertEquals(2, store.getCertificateChain(Issued.ALIAS).length);
        assertEquals(leaf.key(), store.getKey(Issued.ALIAS, "secret".toCharArray()));
    }

    @Test
    void serverContextPresentsTheLeafToAClientTrustingTheRoot() throws Exception {
        Issued leaf = PKI.leaf("ctx.test").serial(BigInteger.valueOf(77)).issue();
        try (SSLServerSocket server = (SSLServerSocket) leaf.serverSslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> accepted = executor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                }
                return null;
            });
            try (SSLSocket client = (SSLSocket) PKI.clientSslContext().getSocketFactory()
                    .createSocket("127.0.0.1", server.getLocalPort())) {
                client.startHandshake();
                X509Certificate peer = (X509Certificate) client.getSession().getPeerCertificates()[0];
                assertEquals(BigInteger.valueOf(77), peer.getSerialNumber());
            }
            accepted.get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> sans(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames().stream().map(entry -> (String) entry.get(1)).toList();
    }
}
