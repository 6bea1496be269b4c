package dev.vigil.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.fleet.Rendezvous;
import dev.vigil.testing.KubernetesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil discover}: the dry run lists once and prints what would be probed, as text or JSON. */
class DiscoverCommandTest {
    private static final String TOKEN = "discover-secret-token";
    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses?limit=500";

    @TempDir
    static Path dir;
    private static KubernetesApi api;
    private static Path config;

    @BeforeAll
    static void start() throws IOException {
        api = KubernetesApi.start(dir, TOKEN);
        config = dir.resolve("vigil.json");
        Files.writeString(config, ("{'discovery': {" + api.access() + ", 'sources': [{'kind': 'ingress',"
                + " 'namespaces': ['shop'], 'template': {'interval': '1m'}}]}}").replace('\'', '"'));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.https().server().resetAll();
    }

    private static void answer(ResponseDefinitionBuilder response) {
        api.https().server().stubFor(get(urlEqualTo(INGRESSES)).willReturn(response));
    }

    private static final String LIST = ("{'kind': 'IngressList', 'metadata': {'resourceVersion': '10'}, 'items': ["
            + "{'metadata': {'namespace': 'shop', 'name': 'web', 'annotations': {'vigil.dev/path': '/healthz'}},"
            + " 'spec': {'rules': [{'host': 'shop.example.com'}], 'tls': [{'hosts': ['shop.example.com']}]},"
            + " 'status': {'loadBalancer': {'ingress': [{'ip': '203.0.113.7'}]}}},"
            + "{'metadata': {'namespace': 'shop', 'name': 'bad', 'annotations': {'vigil.dev/interval': 'soon'}},"
            + " 'spec': {'rules': [{'host': 'bad.example.com'}]}}]}").replace('\'', '"');

    @Test
    void printsEachProbeWithItsUrlIntervalExpectedAddressesAndObjectAndEachSkippedHostWithWhy() {
        answer(okJson(LIST));

        CliRun run = vigil("discover", "--config", config.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("""
                1 probe(s) would run:
                  ingress/shop/web/shop.example.com  https://shop.example.com/healthz  every 1m  expect 203.0.113.7  \
                from ingress shop/web
                1 skipped:
                  ingress shop/bad (bad.example.com): annotation vigil.dev/interval: 'soon' is not a duration; write \
                e.g. 500ms, 30s, 5m, 1h30m or 7d
                """, run.stdout());
    }

    @Test
    void jsonNamesTheSameThings() {
        answer(okJson(LIST));

        CliRun run = vigil("discover", "--config", config.toString(), "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(("{'probes':[{'name':'ingress/shop/web/shop.example.com','url':'https://shop.example.com/healthz',"
                + "'intervalSeconds':60.0,'expectedAddresses':['203.0.113.7'],"
                + "'source':{'kind':'ingress','namespace':'shop','name':'web'}}],"
                + "'skipped':[{'source':{'kind':'ingress','namespace':'shop','name':'bad'},'host':'bad.example.com',"
                + "'reasons':['annotation vigil.dev/interval: \\'soon\\' is not a duration; write e.g. 500ms, 30s, 5m,"
                + " 1h30m or 7d']}]}").replace('\'', '"').replace("\\\"", "'"), run.json().toString());
    }

    @Test
    void withShardsEachProbeSaysItsShardAndWhetherItIsThisAgents() {
        answer(okJson(LIST));
        // Rendezvous hashing puts ingress/shop/web/shop.example.com in shard 0 of 2 (RendezvousTest pins the hash).
        assertEquals(0, Rendezvous.shardOf("ingress/shop/web/shop.example.com", 2));

        CliRun own = vigil("discover", "--config", config.toString(), "--shard", "0/2");
        CliRun other = vigil("discover", "--config", config.toString(), "--shard", "1/2");
        CliRun json = vigil("discover", "--config", config.toString(), "--shard", "1/2", "-o", "json");

        assertEquals(0, own.exitCode(), own::toString);
        assertTrue(own.stdout().startsWith("shard 0/2: 1 of the probes below are this agent's\n1 probe(s) would run:\n"),
                own.stdout());
        assertTrue(own.stdout().contains("from ingress shop/web  shard 0/2 (this agent's)\n"), own.stdout());
        assertTrue(other.stdout().startsWith("shard 1/2: 0 of the probes below"), other.stdout());
        assertTrue(other.stdout().contains("from ingress shop/web  shard 0/2\n"), other.stdout());
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals("{\"index\":1,\"count\":2}", json.json().get("shard").toString());
        assertEquals(0, json.json().at("/probes/0/shard").asInt());
        assertFalse(json.json().at("/probes/0/own").asBoolean(true));
    }

    @Test
    void aForbiddenListIsUnknownAndSaysWhichRoleRuleIsMissingWithoutTheToken() {
        answer(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(
                "{\"kind\":\"Status\",\"message\":\"ingresses.networking.k8s.io is forbidden\",\"code\":403}"));

        CliRun run = vigil("discover", "--config", config.toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("UNKNOWN - forbidden (403): the service account needs `list` on `ingresses` in namespace shop — a"
                + " Role rule: apiGroups: [\"networking.k8s.io\"], resources: [\"ingresses\"], verbs: [\"list\"]; the"
                + " API server said: ingresses.networking.k8s.io is forbidden\n", run.stderr());
        assertFalse(run.toString().contains(TOKEN));
    }

    @Test
    void aConfigWithoutDiscoveryHasNothingToDiscover() throws IOException {
        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, "{\"probes\": [{\"name\": \"a\", \"url\": \"https://a.example/\"}]}");

        CliRun run = vigil("discover", "--config", plain.toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("UNKNOWN - " + plain + " has no discovery section: nothing to discover\n", run.stderr());
    }
}
