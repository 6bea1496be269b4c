package dev.vigil.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class WireMockHttpsTest {
    @Test
    void servesTheGeneratedLeafOverHttps() throws Exception {
        TestPki pki = TestPki.create();
        Issued leaf = pki.leaf("127.0.0.1").ipSans("127.0.0.1").serial(new BigInteger("c0ffee", 16)).issue();
        try (WireMockHttps wireMock = WireMockHttps.start(leaf);
             HttpClient client = HttpClient.newBuilder().sslContext(pki.clientSslContext()).build()) {
            wireMock.server().stubFor(get("/health").willReturn(ok("up")));

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(wireMock.httpsUri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("up", response.body());
            X509Certificate peer = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
            assertEquals(new BigInteger("c0ffee", 16), peer.getSerialNumber());
        }
    }
}
