package dev.vigil.lb;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.lb.KubernetesService;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Kubernetes API server on loopback over HTTPS, and a service-account folder for it: {@code token} holding
 * {@link #TOKEN} and {@code ca.crt} the CA that signed the server's certificate. Service {@code ingress/traefik}
 * answers as {@link #answer} says to requests bearing {@link #TOKEN}, and 401 to others.
 *
 * @param https             the server
 * @param serviceAccountDir the folder with {@code token} and {@code ca.crt}
 */
record FakeApiServer(WireMockHttps https, Path serviceAccountDir) implements AutoCloseable {
    static final String TOKEN = "test-token";
    static final String PATH = "/api/v1/namespaces/ingress/services/traefik";
    static final String UNAUTHORIZED = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",\
            "reason":"Unauthorized","code":401}""";

    /** Starts the server and fills {@code serviceAccountDir}; the token file ends in a newline, as mounted ones may. */
    static FakeApiServer start(Path serviceAccountDir) {
        TestPki pki = TestPki.create();
        TestPki.writePem(serviceAccountDir.resolve("ca.crt"), pki.root().certificate());
        write(serviceAccountDir.resolve("token"), TOKEN + "\n");
        return new FakeApiServer(
                WireMockHttps.start(pki.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue()),
                serviceAccountDir);
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, answer {@code ingress/traefik} with {@code response} when the token is right. */
    void answer(ResponseDefinitionBuilder response) {
        answer(PATH, response);
    }

    /** From now on, answer {@code url} (path and query) with {@code response} when the token is right. */
    void answer(String url, ResponseDefinitionBuilder response) {
        https.server().resetAll();
        https.server().stubFor(get(urlEqualTo(url)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(response));
        https.server().stubFor(get(urlEqualTo(url)).atPriority(2)
                .willReturn(unauthorized().withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
    }

    /** {@code ingress/traefik} on this server, with the service-account folder's token and CA named explicitly. */
    KubernetesService service() {
        return new KubernetesService("ingress", "traefik", https.httpsUri(), tokenFile(), caFile());
    }

    Path tokenFile() {
        return serviceAccountDir.resolve("token");
    }

    Path caFile() {
        return serviceAccountDir.resolve("ca.crt");
    }

    /** Reading {@code service} fails; neither the message nor a cause's holds {@link #TOKEN}. */
    static LbLookupException failing(KubernetesServiceReader reader, KubernetesService service, Duration timeout) {
        LbLookupException e = assertThrows(LbLookupException.class, () -> reader.read(service, timeout));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(TOKEN), () -> "token in: " + e.getMessage());
        }
        return e;
    }

    @Override
    public void close() {
        https.close();
    }
}
