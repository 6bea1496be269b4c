package dev.vigil.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A WireMock server on 127.0.0.1 serving HTTPS with a {@link TestPki} leaf, on dynamic ports.
 *
 * <pre>{@code
 * try (WireMockHttps wm = WireMockHttps.start(leaf)) {
 *     wm.server().stubFor(get("/health").willReturn(ok("up")));
 *     URI uri = wm.httpsUri("/health");
 * }
 * }</pre>
 *
 * @param server   the running server, for stubbing and verifying
 * @param httpsUri base URI, e.g. {@code https://127.0.0.1:54321}
 * @param keystore the PKCS12 file the server reads; deleted on close
 */
public record WireMockHttps(WireMockServer server, URI httpsUri, Path keystore) implements AutoCloseable {
    private static final String PASSWORD = "vigil-test";

    /** Writes {@code leaf} to a temporary PKCS12 file and starts WireMock with it. */
    public static WireMockHttps start(Issued leaf) {
        return start(leaf, 0);
    }

    /**
     * Stops this server and starts another on the same HTTPS port, with the same stubs, serving {@code leaf}: a
     * certificate swapped between two probe runs, as an ingress re-issuing or falling back does.
     */
    public WireMockHttps serving(Issued leaf) {
        List<StubMapping> stubs = server.getStubMappings();
        close();
        WireMockHttps next = start(leaf, httpsUri.getPort());
        stubs.forEach(next.server::addStubMapping);
        return next;
    }

    /** WireMock with {@code leaf} on {@code httpsPort}, 0 for any free one. */
    private static WireMockHttps start(Issued leaf, int httpsPort) {
        try {
            Path keystore = leaf.writePkcs12(Files.createTempFile("vigil-wiremock-", ".p12"), PASSWORD);
            WireMockServer server = new WireMockServer(options()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .httpsPort(httpsPort)
                    .keystorePath(keystore.toString())
                    .keystorePassword(PASSWORD)
                    .keyManagerPassword(PASSWORD)
                    .keystoreType("PKCS12"));
            server.start();
            return new WireMockHttps(server, URI.create("https://127.0.0.1:" + server.httpsPort()), keystore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTPS URI of {@code path}, which starts with a slash. */
    public URI httpsUri(String path) {
        return httpsUri.resolve(path);
    }

    @Override
    public void close() {
        server.stop();
        try {
            Files.deleteIfExists(keystore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
