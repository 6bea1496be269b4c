package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's ingress: HTTPS with the certificate set last, and a move to another address. */
class IngressTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private Ingress ingress;

    @AfterEach
    void stop() {
        if (ingress != null) {
            ingress.close();
        }
    }

    @Test
    void answersUpWithTheCertificateSetLast() throws Exception {
        DemoCa ca = DemoCa.create(Instant.now());
        Credential first = ca.issue(List.of("api.demo.test"), Instant.now().minusSeconds(60));
        Credential second = ca.issue(List.of("api.demo.test"), Instant.now().minusSeconds(30));
        ingress = Ingress.start(LOOPBACK, first);

        assertEquals(first.certificate(), get(ca, LOOPBACK).certificate());
        ingress.serve(second);
        Answer answer = get(ca, LOOPBACK);

        assertEquals(second.certificate(), answer.certificate());
        assertEquals("HTTP/1.1 200 OK", answer.text().lines().findFirst().orElseThrow());
        assertEquals("up", answer.text().lines().toList().getLast());
    }

    @Test
    void afterAMoveTheOldAddressRefusesAndTheNewOneAnswersOnTheSamePort() throws Exception {
        DemoCa ca = DemoCa.create(Instant.now());
        ingress = Ingress.start(InetAddress.getByName("127.0.0.1"), ca.issue(List.of("api.demo.test"), Instant.now()));
        InetAddress next = InetAddress.getByName("127.0.0.2");

        ingress.moveTo(next);

        assertEquals(next, ingress.address());
        assertEquals("up", get(ca, next).text().lines().toList().getLast());
        assertThrows(ConnectException.class, () -> new Socket().connect(
                new InetSocketAddress("127.0.0.1", ingress.port()), 2000));
    }

    private record Answer(X509Certificate certificate, String text) {
    }

    private Answer get(DemoCa ca, InetAddress address) throws Exception {
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        roots.setCertificateEntry("demo", ca.root());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(address, ingress.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: api.demo.test\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII);
            return new Answer((X509Certificate) socket.getSession().getPeerCertificates()[0], text);
        } catch (IOException e) {
            throw new AssertionError("no answer from the ingress at " + address, e);
        }
    }
}
