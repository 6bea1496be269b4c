package dev.vigil.lb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.vigil.lb.FakeApiServer.PATH;
import static dev.vigil.lb.FakeApiServer.TOKEN;
import static dev.vigil.lb.FakeApiServer.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader makes of the API server's answers: ingress entries, refusals and Services without ingress. */
class KubernetesServiceReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path serviceAccountDir;
    private static FakeApiServer api;
    private static KubernetesServiceReader reader;

    @BeforeAll
    static void start() {
        api = FakeApiServer.start(serviceAccountDir);
        reader = new KubernetesServiceReader(Map.<String, String>of()::get, serviceAccountDir);
    }

    @AfterAll
    static void stop() {
        reader.close();
        api.close();
    }

    /** A Service object as the API server writes it, with {@code spec.type} and {@code status.loadBalancer}. */
    private static ResponseDefinitionBuilder service(String type, String loadBalancer) {
        return okJson("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"traefik","namespace":"ingress"},\
                "spec":{"type":"%s","ports":[{"port":443,"protocol":"TCP"}]},"status":{"loadBalancer":%s}}"""
                .formatted(type, loadBalancer));
    }

    private static LbLookupException failing() {
        return FakeApiServer.failing(reader, api.service(), TIMEOUT);
    }

    @Test
    void readsAnIpIngressWithTheTrimmedTokenAsBearer() throws Exception {
        api.answer(service("LoadBalancer", "{\"ingress\":[{\"ip\":\"203.0.113.10\",\"ipMode\":\"VIP\"}]}"));

        assertEquals(List.of(new LbIngress("203.0.113.10", null)), reader.read(api.service(), TIMEOUT));
        api.https().server().verify(getRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void readsAHostnameIngress() throws Exception {
        api.answer(service("LoadBalancer",
                "{\"ingress\":[{\"hostname\":\"a1b2-123.eu-west-1.elb.amazonaws.com\"}]}"));

        assertEquals(List.of(new LbIngress(null, "a1b2-123.eu-west-1.elb.amazonaws.com")),
                reader.read(api.service(), TIMEOUT));
    }

    @Test
    void readsEntriesWithBothInOrderAndSkipsThoseWithNeither() throws Exception {
        api.answer(service("LoadBalancer", """
                {"ingress":[{"ip":"198.51.100.7","hostname":"lb.example.net"},{"ports":[{"port":443}]},\
                {"ip":"2001:db8::7"}]}"""));

        assertEquals(List.of(new LbIngress("198.51.100.7", "lb.example.net"), new LbIngress("2001:db8::7", null)),
                reader.read(api.service(), TIMEOUT));
    }

    @Test
    void aLoadBalancerWithoutIngressIsStillBeingCreated() {
        api.answer(service("LoadBalancer", "{}"));

        assertEquals("service ingress/traefik has no load-balancer ingress yet (status.loadBalancer.ingress is "
                + "empty): the cloud load balancer is still being created, or no load-balancer controller serves this "
                + "cluster (the Service is of type LoadBalancer)", failing().getMessage());
    }

    @Test
    void aClusterIpServiceHasNoLoadBalancer() {
        api.answer(service("ClusterIP", "{\"ingress\":[]}"));

        assertEquals("service ingress/traefik has no load-balancer ingress (status.loadBalancer.ingress is empty): "
                + "the Service is not of type LoadBalancer (it is ClusterIP)", failing().getMessage());
    }

    @Test
    void withoutSpecTypeBothCausesAreNamed() {
        api.answer(okJson("{\"kind\":\"Service\",\"status\":{\"loadBalancer\":{}}}"));

        assertEquals("service ingress/traefik has no load-balancer ingress yet (status.loadBalancer.ingress is "
                + "empty): the cloud load balancer is still being created, or the Service is not of type "
                + "LoadBalancer", failing().getMessage());
    }

    @Test
    void aWrongTokenIsRejectedNamingItsFileAndTheNextCallReadsItAgain() throws Exception {
        FakeApiServer.write(api.tokenFile(), "expired-token");
        api.answer(service("LoadBalancer", "{\"ingress\":[{\"ip\":\"203.0.113.10\"}]}"));
        try {
            LbLookupException e = FakeApiServer.failing(reader, api.service(), TIMEOUT);
            assertEquals("the API server rejected the token from " + api.tokenFile() + " (401): it is expired, "
                    + "revoked or for another cluster; the API server said: Unauthorized", e.getMessage());
        } finally {
            FakeApiServer.write(api.tokenFile(), TOKEN);
        }
        assertEquals(List.of(new LbIngress("203.0.113.10", null)), reader.read(api.service(), TIMEOUT));
    }

    @Test
    void forbiddenNamesTheRoleRuleAndQuotesTheApiServer() {
        api.answer(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \\"traefik\\" is forbidden: \
                User \\"system:serviceaccount:monitoring:vigil\\" cannot get resource \\"services\\" in API group \
                \\"\\" in the namespace \\"ingress\\"","reason":"Forbidden","code":403}"""));

        assertEquals("forbidden (403): the service account needs `get` on `services` in namespace ingress — a Role "
                + "rule: apiGroups: [\"\"], resources: [\"services\"], verbs: [\"get\"]; the API server said: services "
                + "\"traefik\" is forbidden: User \"system:serviceaccount:monitoring:vigil\" cannot get resource "
                + "\"services\" in API group \"\" in the namespace \"ingress\"", failing().getMessage());
    }

    @Test
    void aMissingServiceIsNotFound() {
        api.answer(notFound().withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \\"traefik\\" not found",\
                "reason":"NotFound","details":{"name":"traefik","kind":"services"},"code":404}"""));

        assertEquals("service ingress/traefik not found (404)", failing().getMessage());
    }

    @Test
    void aNotFoundThatIsNoKubernetesStatusQuestionsTheApiUrl() {
        api.answer(notFound().withBody("<html>nginx</html>"));

        assertEquals("service ingress/traefik not found (404): the answer is no Kubernetes Status; is "
                + api.https().httpsUri() + " the API server?", failing().getMessage());
    }

    @Test
    void malformedJsonSaysWhere() {
        api.answer(okJson("{\"kind\":\"Service\",\"status\":"));

        LbLookupException e = failing();
        assertEquals(true, e.getMessage().startsWith(
                "the API server's answer for service ingress/traefik is not valid JSON: "), e.getMessage());
    }

    @Test
    void anAnswerThatIsNoServiceIsRefused() {
        api.answer(okJson("{\"kind\":\"Status\",\"status\":\"Success\"}"));

        assertEquals("the API server's answer for service ingress/traefik is not a Service object (kind Status)",
                failing().getMessage());
    }

    @Test
    void aTokenEchoedByTheServerIsRedacted() {
        api.answer(aResponse().withStatus(500).withBody("""
                {"kind":"Status","status":"Failure","message":"bad request from Bearer %s","code":500}"""
                .formatted(TOKEN)));

        assertEquals("the API server at " + api.https().httpsUri() + " answered 500 for service ingress/traefik; "
                + "the API server said: bad request from Bearer <token>", failing().getMessage());
    }
}
