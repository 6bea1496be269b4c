package dev.vigil.discovery;

import static dev.vigil.discovery.RouteObjects.config;
import static dev.vigil.discovery.RouteObjects.ingress;
import static dev.vigil.discovery.RouteObjects.json;
import static dev.vigil.discovery.RouteObjects.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoveryConfig;
import dev.vigil.config.DiscoverySource;
import dev.vigil.lb.LbIngress;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.HttpSpec;
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

/** From route objects to probes: names, URLs, expected addresses, annotations over the template, what is skipped. */
class DiscoveryTest {
    @TempDir
    static Path dir;

    private static Discovery.Result decide(DiscoverySource source, Found found) {
        return Discovery.decide(List.of(new Discovery.Sourced(source, found)));
    }

    /** Each probe as {@code name url expected-addresses}. */
    private static List<String> probes(Discovery.Result result) {
        return result.probes().stream().map(p -> p.probe().name() + " " + ((HttpSpec) p.probe().spec()).url() + " "
                + p.expected().stream().map(a -> a.ip() != null ? a.ip() : a.hostname()).toList()).toList();
    }

    private static List<String> skipped(Discovery.Result result) {
        return result.skipped().stream().map(Skipped::describe).toList();
    }

    private static DiscoverySource source(String json) {
        return config(dir, json).sources().getFirst();
    }

    @Test
    void anIngressGivesAProbePerHostHttpsWhenTheHostHasTlsExpectedAtItsLoadBalancer() {
        JsonNode web = ingress("shop", "web", "'vigil.dev/path': '/healthz'",
                "{'host': 'Shop.Example.com'}, {'host': 'api.example.com'}, {'http': {}}",
                "{'hosts': ['shop.example.com'], 'secretName': 'tls'}",
                "{'ip': '203.0.113.7'}, {'hostname': 'lb.example.net'}");

        Discovery.Result result = decide(source("{'kind': 'ingress'}"), IngressReader.read(web));

        assertEquals(List.of(
                "ingress/shop/web/api.example.com http://api.example.com/healthz [203.0.113.7, lb.example.net]",
                "ingress/shop/web/shop.example.com https://shop.example.com/healthz [203.0.113.7, lb.example.net]"),
                probes(result));
        assertEquals(List.of(), skipped(result));
        assertEquals(new DnsOptions(List.of(), true, new DnsOptions.ExpectedLb(List.of("203.0.113.7"), "lb.example.net",
                null)), ((HttpSpec) result.probes().getFirst().probe().spec()).dns(), "DNS is checked against them");
    }

    @Test
    void theObjectsAddressesWinOverTheTemplatesExpectationWhoseOtherDnsSettingsStay() {
        DiscoverySource source = source("{'kind': 'ingress', 'template': {'dns': {'resolvers': ['192.0.2.53'],"
                + " 'maxAddresses': 4, 'expect': {'addresses': ['192.0.2.1']}}}}");
        JsonNode withStatus = ingress("shop", "a", "", "{'host': 'a.example.com'}", "", "{'ip': '203.0.113.7'}");
        JsonNode without = ingress("shop", "b", "", "{'host': 'b.example.com'}", "", "");

        Discovery.Result result = decide(source, IngressReader.read(withStatus).and(IngressReader.read(without)));

        DnsOptions a = ((HttpSpec) result.probes().get(0).probe().spec()).dns();
        DnsOptions b = ((HttpSpec) result.probes().get(1).probe().spec()).dns();
        assertEquals(List.of("203.0.113.7"), a.expect().addresses());
        assertEquals(4, a.maxAddresses());
        assertEquals(1, a.resolvers().size());
        assertEquals(List.of("192.0.2.1"), b.expect().addresses());
    }

    @Test
    void annotationsMergeOverTheTemplateAndABadOneSkipsOnlyItsObject() {
        DiscoverySource source = source("{'kind': 'ingress', 'template': {'interval': '2m', 'labels': {'team': 'shop'}}}");
        JsonNode good = ingress("shop", "good", "'vigil.dev/interval': '1m', 'vigil.dev/labels': 'tier=web',"
                + " 'vigil.dev/expect-status': '200,204', 'other.io/x': 'y'", "{'host': 'a.example.com'}", "", "");
        JsonNode bad = ingress("shop", "bad", "'vigil.dev/interval': 'soon', 'vigil.dev/intervall': '1m'",
                "{'host': 'b.example.com'}", "", "");

        Discovery.Result result = decide(source, IngressReader.read(good).and(IngressReader.read(bad)));

        assertEquals(List.of("ingress/shop/good/a.example.com http://a.example.com/ []"), probes(result));
        var probe = result.probes().getFirst().probe();
        assertEquals(Duration.ofMinutes(1), probe.interval());
        assertEquals(Map.of("team", "shop", "tier", "web"), probe.labels());
        assertEquals(List.of("ingress shop/bad (b.example.com): unknown annotation vigil.dev/intervall; Vigil reads"
                + " vigil.dev/probe, vigil.dev/path, vigil.dev/body-match, vigil.dev/expect-status,"
                + " vigil.dev/fail-if-body-matches, vigil.dev/interval, vigil.dev/labels, vigil.dev/method,"
                + " vigil.dev/timeout"), skipped(result));
        JsonNode badValue = ingress("shop", "bad", "'vigil.dev/interval': 'soon'", "{'host': 'b.example.com'}", "", "");
        assertEquals(List.of("ingress shop/bad (b.example.com): annotation vigil.dev/interval: 'soon' is not a"
                + " duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d"),
                skipped(decide(source, IngressReader.read(badValue))));
    }

    @Test
    void aHostServedByTwoObjectsIsProbedOnceByTheFirstInOrder() {
        DiscoverySource source = source("{'kind': 'ingress'}");
        Found found = IngressReader.read(ingress("shop", "web-v2", "", "{'host': 'shop.example.com'}", "", ""))
                .and(IngressReader.read(ingress("shop", "web", "", "{'host': 'shop.example.com'}", "", "")));

        Discovery.Result result = decide(source, found);

        assertEquals(List.of("ingress/shop/web/shop.example.com http://shop.example.com/ []"), probes(result));
        assertEquals(List.of("ingress shop/web-v2 (shop.example.com): the host is probed once, as"
                + " ingress/shop/web/shop.example.com of ingress shop/web"), skipped(result));
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of(false, "", List.of("ingress/shop/web/a.example.com http://a.example.com/ []"), List.of()),
                Arguments.of(false, "'vigil.dev/probe': 'false'", List.of(),
                        List.of("ingress shop/web: annotated vigil.dev/probe: \"false\"")),
                Arguments.of(true, "", List.of(), List.of("ingress shop/web: not annotated vigil.dev/probe: \"true\","
                        + " and its source probes only objects that are")),
                Arguments.of(true, "'vigil.dev/probe': 'true'",
                        List.of("ingress/shop/web/a.example.com http://a.example.com/ []"), List.of()),
                Arguments.of(true, "'vigil.dev/probe': 'yes'", List.of(),
                        List.of("ingress shop/web: annotation vigil.dev/probe: 'yes' is neither \"true\" nor \"false\"")),
                Arguments.of(false, "'vigil.dev/path': 'healthz'", List.of(),
                        List.of("ingress shop/web (a.example.com): annotation vigil.dev/path: 'healthz' must start with /")),
                Arguments.of(false, "'vigil.dev/path': '/a b'", List.of(),
                        List.of("ingress shop/web (a.example.com): annotation vigil.dev/path: '/a b' holds a space or a"
                                + " character a URL cannot carry; percent-encode it")));
    }

    @ParameterizedTest
    @MethodSource("selections")
    void optInOptOutAndThePathAnnotation(boolean optIn, String annotations, List<String> probes, List<String> skipped) {
        DiscoverySource source = source("{'kind': 'ingress', 'optIn': " + optIn + "}");

        Discovery.Result result = decide(source, IngressReader.read(ingress("shop", "web", annotations,
                "{'host': 'a.example.com'}", "", "")));

        assertEquals(probes, probes(result));
        assertEquals(skipped, skipped(result));
    }

    @Test
    void hostsThatNameNoOneHostAreSkippedWithWhy() {
        Found found = IngressReader.read(ingress("shop", "web", "", "{'host': '*.example.com'}, {'host': 'a_b'}", "", ""))
                .and(IngressReader.read(ingress("shop", "all", "", "{'http': {}}", "", "")));

        assertEquals(List.of("ingress shop/all: no rule names a host (spec.rules[].host): a catch-all rule has no host"
                + " to probe", "ingress shop/web (*.example.com): the wildcard host *.example.com names no one host to"
                + " probe", "ingress shop/web (a_b): 'a_b' is not a DNS name"),
                skipped(decide(source("{'kind': 'ingress'}"), found)));
    }

    @Test
    void anHttpRouteIsExpectedAtItsParentGatewaysAddressesAndIsHttpsWhenAListenerServesItsHost() {
        JsonNode gateway = json("{" + metadata("infra", "edge", "") + ", 'spec': {'listeners': ["
                + "{'name': 'https', 'protocol': 'HTTPS', 'hostname': '*.example.com', 'port': 443},"
                + "{'name': 'http', 'protocol': 'HTTP', 'port': 80}]}, 'status': {'addresses': ["
                + "{'type': 'IPAddress', 'value': '198.51.100.9'}, {'type': 'Hostname', 'value': 'edge.example.net'},"
                + "{'type': 'NamedAddress', 'value': 'pool-a'}]}}");
        JsonNode route = json("{" + metadata("shop", "web", "") + ", 'spec': {'parentRefs': [{'name': 'edge',"
                + " 'namespace': 'infra'}, {'name': 'gone'}], 'hostnames': ['shop.example.com', 'shop.example.org']}}");

        Discovery.Result result = decide(source("{'kind': 'httproute'}"),
                HttpRouteReader.read(route, Map.of("infra/edge", gateway)));

        assertEquals(List.of(
                "httproute/shop/web/shop.example.com https://shop.example.com/ [198.51.100.9, edge.example.net]",
                "httproute/shop/web/shop.example.org http://shop.example.org/ [198.51.100.9, edge.example.net]"),
                probes(result));
        assertEquals(List.of("httproute shop/web: parent Gateway shop/gone is not known: its hosts are probed without"
                + " expected addresses"), skipped(result));
    }

    static Stream<Arguments> traefikMatches() {
        return Stream.of(
                Arguments.of("Host(`a.example.com`)", List.of("a.example.com")),
                Arguments.of("Host(`a.example.com`, `b.example.com`) && PathPrefix(`/api`)",
                        List.of("a.example.com", "b.example.com")),
                Arguments.of("Host(\"a.example.com\") || Host(`c.example.com`)", List.of("a.example.com", "c.example.com")),
                Arguments.of("HostRegexp(`{sub:[a-z]+}.example.com`) || HostSNI(`*`)", List.of()),
                Arguments.of("PathPrefix(`/`)", List.of()));
    }

    @ParameterizedTest
    @MethodSource("traefikMatches")
    void traefikHostMatchersAreRead(String match, List<String> hosts) {
        assertEquals(hosts, TraefikRouteReader.hosts(match));
    }

    @Test
    void anIngressRouteIsHttpsWithSpecTlsAndExpectedAtTheTraefikServicesLoadBalancer() {
        JsonNode route = json("{" + metadata("shop", "web", "") + ", 'spec': {'routes': [{'match':"
                + " 'Host(`shop.example.com`) && PathPrefix(`/`)', 'kind': 'Rule'}], 'tls': {'certResolver': 'le'}}}");

        Discovery.Result result = decide(source("{'kind': 'ingressroute', 'loadBalancerService': 'kube-system/traefik'}"),
                TraefikRouteReader.read(route, List.of(new LbIngress("203.0.113.7", null))));

        assertEquals(List.of("ingressroute/shop/web/shop.example.com https://shop.example.com/ [203.0.113.7]"),
                probes(result));
    }

    @Test
    void aHostServedByAnIngressAndAnIngressRouteIsProbedOnce() {
        DiscoveryConfig config = config(dir, "{'kind': 'ingressroute'}, {'kind': 'ingress'}");
        JsonNode route = json("{" + metadata("shop", "web", "") + ", 'spec': {'routes': [{'match':"
                + " 'Host(`shop.example.com`)'}]}}");

        Discovery.Result result = Discovery.decide(List.of(
                new Discovery.Sourced(config.sources().get(0), TraefikRouteReader.read(route, List.of())),
                new Discovery.Sourced(config.sources().get(1),
                        IngressReader.read(ingress("shop", "web", "", "{'host': 'shop.example.com'}", "", "")))));

        assertEquals(List.of("ingress/shop/web/shop.example.com http://shop.example.com/ []"), probes(result));
        assertEquals(List.of("ingressroute shop/web (shop.example.com): the host is probed once, as"
                + " ingress/shop/web/shop.example.com of ingress shop/web"), skipped(result));
    }
}
