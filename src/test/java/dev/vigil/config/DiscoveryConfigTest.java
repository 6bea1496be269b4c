package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.StatusRange;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code discovery} section: strict, every error located, and the template each discovered host starts from. */
class DiscoveryConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("TOKEN", "SECRETPART")::get, () -> "test");

    @TempDir
    Path dir;

    private VigilConfig load(String json) throws ConfigException {
        return LOADER.load(ConfigFiles.write(dir, json));
    }

    private static final String FULL = "{'defaults': {'timeout': '7s'},\n 'discovery': {'apiUrl': 'https://k8s.example:6443',"
            + " 'sources': [\n {'kind': 'ingress', 'namespaces': ['shop', 'api'], 'labelSelector': 'team=shop',"
            + " 'optIn': true, 'template': {'expectStatus': [200], 'labels': {'team': 'shop'},"
            + " 'headers': {'Authorization': 'Bearer ${TOKEN}'}}},\n"
            + " {'kind': 'ingressroute', 'loadBalancerService': 'kube-system/traefik'},\n {'kind': 'httproute'}]}}";

    @Test
    void sourcesAreReadWithTheirSelectorsAndADiscoveryConfigNeedsNoProbes() throws ConfigException {
        VigilConfig config = load(FULL);

        DiscoveryConfig discovery = config.discovery();
        assertEquals(List.of(), config.probes());
        assertEquals(URI.create("https://k8s.example:6443"), discovery.apiUrl());
        assertEquals(List.of(DiscoverySource.Kind.INGRESS, DiscoverySource.Kind.INGRESS_ROUTE,
                DiscoverySource.Kind.HTTP_ROUTE), discovery.sources().stream().map(DiscoverySource::kind).toList());
        DiscoverySource ingress = discovery.sources().getFirst();
        assertEquals("$.discovery.sources[0]", ingress.at());
        assertEquals(List.of("api", "shop"), ingress.namespaces());
        assertEquals("team=shop", ingress.labelSelector());
        assertEquals(true, ingress.optIn());
        assertEquals(new DiscoverySource.ServiceRef("kube-system", "traefik"),
                discovery.sources().get(1).loadBalancer());
        assertEquals(List.of(), discovery.sources().get(2).namespaces());
        assertEquals(false, discovery.sources().get(2).optIn());
    }

    @Test
    void aProbeMadeFromTheTemplateHasItsSettingsOverTheTemplateOverTheDefaults() throws ConfigException {
        ProbeTemplate template = load(FULL).discovery().sources().getFirst().template();

        ProbeTemplate.Outcome outcome = template.make("ingress/shop/web/shop.example.com",
                URI.create("https://shop.example.com/health"), List.of(
                        new ProbeTemplate.Setting("expectStatus", "200, 301-302", "annotation vigil.dev/expect-status"),
                        new ProbeTemplate.Setting("interval", "1m", "annotation vigil.dev/interval"),
                        new ProbeTemplate.Setting("labels", "tier=web", "annotation vigil.dev/labels")));

        ProbeConfig probe = assertInstanceOf(ProbeTemplate.Outcome.Made.class, outcome).probe();
        HttpSpec spec = (HttpSpec) probe.spec();
        assertEquals("ingress/shop/web/shop.example.com", probe.name());
        assertEquals(URI.create("https://shop.example.com/health"), spec.url());
        assertEquals(List.of(new StatusRange(200, 200), new StatusRange(301, 302)), spec.expect().statuses());
        assertEquals(Duration.ofMinutes(1), probe.interval());
        assertEquals(Duration.ofSeconds(7), spec.timeout());
        assertEquals(Map.of("team", "shop", "tier", "web"), probe.labels());
        assertEquals(1, spec.headers().size());
    }

    @Test
    void badSettingsAreRefusedEachNamingItsSourceAndNoneQuotesASecret() throws ConfigException {
        ProbeTemplate template = load(FULL).discovery().sources().getFirst().template();

        ProbeTemplate.Outcome outcome = template.make("ingress/shop/web/a.example", URI.create("http://a.example/"),
                List.of(new ProbeTemplate.Setting("expectStatus", "20x", "annotation vigil.dev/expect-status"),
                        new ProbeTemplate.Setting("interval", "soon", "annotation vigil.dev/interval"),
                        new ProbeTemplate.Setting("timeout", "2m", "annotation vigil.dev/timeout")));

        List<String> problems = assertInstanceOf(ProbeTemplate.Outcome.Refused.class, outcome).problems();
        assertEquals(List.of(
                "annotation vigil.dev/interval: 'soon' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                "annotation vigil.dev/expect-status: not a status code or range like 200-299: '20x'"), problems);
        assertFalse(problems.toString().contains("SECRETPART"));
        assertEquals(List.of("annotation vigil.dev/labels: 'tier' is no name=value pair; write e.g. team=shop,tier=web",
                "annotation vigil.dev/path: 'url' cannot be set per probe; one of expectBodyMatches, expectStatus,"
                        + " failIfBodyMatches, interval, labels, method, timeout can"),
                assertInstanceOf(ProbeTemplate.Outcome.Refused.class, template.make("x", URI.create("http://a/"),
                        List.of(new ProbeTemplate.Setting("labels", "tier", "annotation vigil.dev/labels"),
                                new ProbeTemplate.Setting("url", "/x", "annotation vigil.dev/path")))).problems());
    }

    static Stream<Arguments> badSections() {
        return Stream.of(
                Arguments.of("{'discovery': {}}", "1:15: $.discovery: missing required key 'sources'"),
                Arguments.of("{'discovery': {'sources': []}}", "1:27: $.discovery.sources: sources must list at least one source"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'service'}]}}",
                        "1:37: $.discovery.sources[0].kind: kind must be one of ingress, httproute, ingressroute; got 'service'"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'namespace': ['a']}]}}",
                        "1:48: $.discovery.sources[0].namespace: unknown key 'namespace' (did you mean 'namespaces'?)"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'namespaces': ['Shop']}]}}",
                        "1:63: $.discovery.sources[0].namespaces[0]: namespace 'Shop' is not a Kubernetes name: at most 63"
                                + " lowercase letters, digits and '-', starting and ending with a letter or digit"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'loadBalancerService': 'traefik'}]}}",
                        "1:71: $.discovery.sources[0].loadBalancerService: loadBalancerService 'traefik' must be"
                                + " NAMESPACE/NAME, e.g. kube-system/traefik"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'loadBalancerService': 'a/b'}]}}",
                        "1:71: $.discovery.sources[0].loadBalancerService: loadBalancerService applies to kind"
                                + " ingressroute only: an ingress names its load balancer in its own status"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'labelSelector': ' '}]}}",
                        "1:65: $.discovery.sources[0].labelSelector: labelSelector must be a Kubernetes label selector"
                                + " such as 'team=shop,tier!=canary' of at most 1024 characters"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'template': {'url': 'https://a/'}}]}}",
                        "1:61: $.discovery.sources[0].template.url: 'url' is not allowed in a template: each"
                                + " discovered host gets its own"),
                Arguments.of("{'discovery': {'sources': [{'kind': 'ingress', 'template': {'interval': 'soon'}}]}}",
                        "1:73: $.discovery.sources[0].template.interval: 'soon' is not a duration; write e.g. 500ms,"
                                + " 30s, 5m, 1h30m or 7d"),
                Arguments.of("{'discovery': {'apiUrl': 'http://k8s', 'sources': [{'kind': 'ingress'}]}}",
                        "1:26: $.discovery.apiUrl: apiUrl must be an absolute https:// URL with a host, e.g. https://k8s.example:6443"));
    }

    @ParameterizedTest
    @MethodSource("badSections")
    void eachBadValueIsLocated(String json, String expected) {
        Path file = ConfigFiles.write(dir, json);
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(file + ":" + expected), e.errors().stream().map(ConfigError::describe).toList());
    }
}
