package dev.vigil.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake Kubernetes API server for discovery on loopback over HTTPS: {@code dir} gets its CA as {@code ca.crt} and a
 * bearer token as {@code token}, and {@link #step} scripts its answers, list and watch, as one scenario.
 *
 * @param https the server
 * @param dir   where {@code ca.crt} and {@code token} are
 */
public record KubernetesApi(WireMockHttps https, Path dir) implements AutoCloseable {
    /** The scenario {@link #step} scripts. */
    public static final String SCENARIO = "api";

    public static KubernetesApi start(Path dir, String token) {
        TestPki pki = TestPki.create();
        TestPki.writePem(dir.resolve("ca.crt"), pki.root().certificate());
        try {
            Files.writeString(dir.resolve("token"), token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KubernetesApi(WireMockHttps.start(pki.leaf("localhost").sans("localhost").ipSans("127.0.0.1")
                .issue()), dir);
    }

    /**
     * The keys of a {@code discovery} section that reach this server (JSON with single quotes), for a config file in
     * {@link #dir()}.
     */
    public String access() {
        return "'apiUrl': '" + https.httpsUri() + "', 'tokenFile': 'token', 'caFile': 'ca.crt'";
    }

    /** Answers {@code url} with {@code response} while the scenario is in {@code state}, then moves it to {@code next}. */
    public void step(String url, String state, String next, ResponseDefinitionBuilder response) {
        https.server().stubFor(get(urlEqualTo(url)).inScenario(SCENARIO).whenScenarioStateIs(state)
                .willSetStateTo(next).willReturn(response));
    }

    /** Moves the scenario to {@code state}, as if the cluster changed now. */
    public void become(String state) {
        https.server().setScenarioState(SCENARIO, state);
    }

    /** One line of a watch: {@code {"type": TYPE, "object": OBJECT}} and a newline. */
    public static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}\n";
    }

    /** The path and query of a watch of {@code collection} from {@code version}, as the client asks. */
    public static String watch(String collection, String version, int timeoutSeconds) {
        return collection + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + version + "&timeoutSeconds="
                + timeoutSeconds;
    }

    @Override
    public void close() {
        https.close();
    }
}
