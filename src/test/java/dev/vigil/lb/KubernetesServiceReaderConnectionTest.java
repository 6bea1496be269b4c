package dev.vigil.lb;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.vigil.lb.FakeApiServer.TOKEN;
import static dev.vigil.lb.FakeApiServer.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.lb.KubernetesService;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, reaching and trusting the API server: in-cluster settings, token and CA files, TLS, timeouts. */
class KubernetesServiceReaderConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<LbIngress> INGRESS = List.of(new LbIngress("203.0.113.10", null));
    private static final String SERVICE = """
            {"kind":"Service","spec":{"type":"LoadBalancer"},\
            "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}""";
    private static final KubernetesService IN_CLUSTER = new KubernetesService("ingress", "traefik", null, null, null);

    @TempDir
    static Path serviceAccountDir;
    private static FakeApiServer api;
    private static KubernetesServiceReader reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        api = FakeApiServer.start(serviceAccountDir);
        api.answer(okJson(SERVICE));
        reader = new KubernetesServiceReader(Map.<String, String>of()::get, serviceAccountDir);
    }

    @AfterAll
    static void stop() {
        reader.close();
        api.close();
    }

    /** A reader that runs in a cluster whose API server is the fake one and whose service account is in {@code sa}. */
    private static KubernetesServiceReader inCluster(Path sa) {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", String.valueOf(api.https().httpsUri().getPort()));
        return new KubernetesServiceReader(env::get, sa);
    }

    private static KubernetesService withFiles(URI apiUrl, Path tokenFile, Path caFile) {
        return new KubernetesService("ingress", "traefik", apiUrl, tokenFile, caFile);
    }

    @Test
    void inAClusterTheEnvironmentAndServiceAccountSayWhereAndHow() throws Exception {
        try (KubernetesServiceReader inCluster = inCluster(serviceAccountDir)) {
            assertEquals(INGRESS, inCluster.read(IN_CLUSTER, TIMEOUT));
        }
    }

    @Test
    void outsideAClusterAnApiUrlIsNeeded() {
        assertEquals("KUBERNETES_SERVICE_HOST is not set: not running in a cluster; set "
                + "expect.kubernetesService.apiUrl", failing(reader, IN_CLUSTER, TIMEOUT).getMessage());
    }

    @Test
    void aServerSignedByAnotherCaFailsNamingTheCaFile() {
        Path otherCa = TestPki.writePem(dir.resolve("other-ca.crt"), TestPki.create("Other").root().certificate());

        assertEquals("TLS handshake with the API server at " + api.https().httpsUri() + " failed: its certificate is "
                + "not signed by a CA in " + otherCa,
                failing(reader, withFiles(api.https().httpsUri(), api.tokenFile(), otherCa), TIMEOUT).getMessage());
    }

    @Test
    void aChangedCaBundleIsReadAgain() throws Exception {
        Files.copy(api.tokenFile(), dir.resolve("token"));
        Path ca = Files.copy(api.caFile(), dir.resolve("ca.crt"));
        try (KubernetesServiceReader inCluster = inCluster(dir)) {
            assertEquals(INGRESS, inCluster.read(IN_CLUSTER, TIMEOUT));

            FileTime before = Files.getLastModifiedTime(ca);
            TestPki.writePem(ca, TestPki.create("Rotated").root().certificate());
            Files.setLastModifiedTime(ca, FileTime.fromMillis(before.toMillis() + 1000));

            assertEquals("TLS handshake with the API server at " + api.https().httpsUri() + " failed: its certificate "
                    + "is not signed by a CA in " + ca + " (the service account's CA)",
                    failing(inCluster, IN_CLUSTER, TIMEOUT).getMessage());
        }
    }

    @Test
    void aMissingServiceAccountTokenSuggestsTokenFile() throws IOException {
        Files.copy(api.caFile(), dir.resolve("ca.crt"));
        try (KubernetesServiceReader inCluster = inCluster(dir)) {
            assertEquals("cannot read the bearer token from " + dir.resolve("token") + ": no such file; outside a "
                    + "cluster set expect.kubernetesService.tokenFile", failing(inCluster, IN_CLUSTER, TIMEOUT)
                    .getMessage());
        }
    }

    @Test
    void anEmptyTokenFileIsNamed() {
        Path empty = dir.resolve("token");
        FakeApiServer.write(empty, "\n");

        assertEquals("the bearer token file " + empty + " is empty",
                failing(reader, withFiles(api.https().httpsUri(), empty, api.caFile()), TIMEOUT).getMessage());
    }

    @Test
    void aTokenOrCaFileThatIsAFifoOrHugeIsRefusedWithoutHanging() throws Exception {
        Path fifo = dir.resolve("token-fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        Path huge = dir.resolve("token-huge");
        Files.write(huge, new byte[ApiTarget.MAX_TOKEN_BYTES + 1]);

        String fromFifo = assertTimeoutPreemptively(TIMEOUT.plusSeconds(5), () -> failing(reader,
                withFiles(api.https().httpsUri(), fifo, api.caFile()), TIMEOUT).getMessage());

        assertEquals("cannot read the bearer token from " + fifo + ": not a regular file (a FIFO, socket or device)",
                fromFifo);
        assertEquals("cannot read the bearer token from " + huge + ": larger than the limit of 64 KiB",
                failing(reader, withFiles(api.https().httpsUri(), huge, api.caFile()), TIMEOUT).getMessage());
        String caFromFifo = assertTimeoutPreemptively(TIMEOUT.plusSeconds(5), () -> failing(reader,
                withFiles(api.https().httpsUri(), api.tokenFile(), fifo), TIMEOUT).getMessage());
        assertEquals("cannot use the CA bundle " + fifo + ": not a regular file (a FIFO, socket or device)",
                caFromFifo);
    }

    @Test
    void aCaFileThatIsNoPemBundleIsNamed() {
        Path notPem = dir.resolve("ca.crt");
        FakeApiServer.write(notPem, "not a certificate\n");

        String message = failing(reader, withFiles(api.https().httpsUri(), api.tokenFile(), notPem), TIMEOUT)
                .getMessage();
        assertTrue(message.startsWith("cannot use the CA bundle " + notPem + ": "), message);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        // Connections complete in the backlog; nothing ever accepts them or answers the TLS handshake.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("https://127.0.0.1:" + silent.getLocalPort());
            assertEquals("the API server at " + url + " did not answer within 300ms (service ingress/traefik)",
                    failing(reader, withFiles(url, api.tokenFile(), api.caFile()), Duration.ofMillis(300))
                            .getMessage());
        }
    }

    @Test
    void aBodyThatTakesTooLongTimesOut() {
        // A reader of its own, so the connection the server still dribbles on goes when it closes.
        try (KubernetesServiceReader own = new KubernetesServiceReader(Map.<String, String>of()::get, dir)) {
            api.answer(okJson(SERVICE).withChunkedDribbleDelay(SERVICE.length(), 2_000));
            assertEquals("the API server at " + api.https().httpsUri() + " did not finish its answer within 300ms "
                    + "(service ingress/traefik)", failing(own, api.service(), Duration.ofMillis(300)).getMessage());
        } finally {
            api.answer(okJson(SERVICE));
        }
    }

    @Test
    void aRefusedConnectionIsNamed() throws IOException {
        try (ClosedPort closed = ClosedPort.tcp()) {
            URI url = URI.create("https://127.0.0.1:" + closed.port());
            assertEquals("cannot connect to the API server at " + url + ": connection refused",
                    failing(reader, withFiles(url, api.tokenFile(), api.caFile()), TIMEOUT).getMessage());
        }
    }

    @Test
    void theTokenFileIsTheServiceAccountsUnlessNamed() throws Exception {
        Path token = dir.resolve("my-token");
        FakeApiServer.write(token, TOKEN);

        assertEquals(INGRESS, reader.read(withFiles(api.https().httpsUri(), token, api.caFile()), TIMEOUT));
    }
}
