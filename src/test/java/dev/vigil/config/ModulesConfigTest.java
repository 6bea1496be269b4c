package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.TlsSpec;
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

/** The top-level {@code modules} of {@code /probe}: read through the defaults, strict, every error located. */
class ModulesConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("TOKEN", "SECRETPART")::get, () -> "test");
    private static final String PROBES = "'probes': [{'name': 'a', 'url': 'https://a.example/'}]";

    @TempDir
    Path dir;

    private VigilConfig load(String modules) throws ConfigException {
        return LOADER.load(ConfigFiles.write(dir, "{" + PROBES + ",\n 'modules': " + modules + "}"));
    }

    @Test
    void aModuleIsAProbeTemplateThroughTheDefaultsWithItsAllowList() throws ConfigException {
        VigilConfig config = LOADER.load(ConfigFiles.write(dir, "{'defaults': {'timeout': '7s', 'headers': {'X-A': 'a'}},"
                + PROBES + ", 'modules': {"
                + "'http_2xx': {'expectStatus': [200], 'headers': {'Authorization': 'Bearer ${TOKEN}'},"
                + " 'allowedTargets': ['https://*.example.com/*', 'http://exact.example:8080/healthz']},"
                + "'tls_mail': {'prober': 'tls', 'starttls': 'imap', 'timeout': '3s'}}}"));

        assertEquals(List.of("http_2xx", "tls_mail"), List.copyOf(config.modules().keySet()));
        ProbeModule http = config.modules().get("http_2xx");
        HttpSpec spec = (HttpSpec) http.template().spec();
        assertEquals(Duration.ofSeconds(7), spec.timeout());
        assertEquals(2, spec.headers().size());
        assertEquals(List.of("https://*.example.com/*", "http://exact.example:8080/healthz"),
                http.allowedTargets().stream().map(AllowedTarget::pattern).toList());
        ProbeModule tls = config.modules().get("tls_mail");
        assertEquals("imap", ((TlsSpec) tls.template().spec()).starttls());
        assertEquals(Duration.ofSeconds(3), tls.template().spec().timeout());
        assertEquals(List.of(), tls.allowedTargets());
    }

    @Test
    void withModulesAConfigNeedsNoProbes() throws ConfigException {
        VigilConfig absent = LOADER.load(ConfigFiles.write(dir, "{'modules': {'http_2xx': {}}}"));
        VigilConfig empty = LOADER.load(ConfigFiles.write(dir, "{'probes': [], 'modules': {'http_2xx': {}}}"));

        assertEquals(List.of(), absent.probes());
        assertEquals(List.of("http_2xx"), List.copyOf(empty.modules().keySet()));
    }

    @Test
    void withoutModulesProbesAreStillRequired() {
        Path file = ConfigFiles.write(dir, "{'modules': {}}");
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(file + ":1:1: $: missing required key 'probes'"),
                e.errors().stream().map(ConfigError::describe).toList());
    }

    @Test
    void aConfigWithoutModulesHasNone() throws ConfigException {
        assertEquals(Map.of(), LOADER.load(ConfigFiles.write(dir, "{" + PROBES + "}")).modules());
    }

    static Stream<Arguments> badModules() {
        return Stream.of(
                Arguments.of("{'m': {'url': 'https://x.example/'}}",
                        List.of("2:20: $.modules.m.url: 'url' is not allowed in a module: the target comes with each"
                                + " /probe request")),
                Arguments.of("{'m': {'interval': '1m'}}",
                        List.of("2:20: $.modules.m.interval: 'interval' is not allowed in a module: it runs when /probe"
                                + " is asked, at the scraping job's scrape_interval")),
                Arguments.of("{'m': {'timeot': '1s'}}",
                        List.of("2:20: $.modules.m.timeot: unknown key 'timeot' (did you mean 'timeout'?)")),
                Arguments.of("{'m': {'prober': 'icmp'}}",
                        List.of("2:30: $.modules.m.prober: prober 'icmp' is not one of http, tls")),
                Arguments.of("{'bad name': {}}",
                        List.of("2:14: $.modules['bad name']: module name 'bad name' may only contain letters, digits,"
                                + " '.', '_' and '-'")),
                Arguments.of("{'m': {'allowedTargets': ['ftp://x.example/']}}",
                        List.of("2:39: $.modules.m.allowedTargets[0]: allowed target 'ftp://x.example/' must use http,"
                                + " https or tls, not ftp")),
                Arguments.of("{'m': {'allowedTargets': ['https://x.example/a*b']}}",
                        List.of("2:39: $.modules.m.allowedTargets[0]: allowed target 'https://x.example/a*b' may have"
                                + " '*' only at the end of its path")),
                Arguments.of("{'m': {'allowedTargets': ['x.example']}}",
                        List.of("2:39: $.modules.m.allowedTargets[0]: allowed target 'x.example' is not"
                                + " scheme://host[:port][/path] (host may start with '*.', path may end with '*')")),
                Arguments.of("{'m': {'prober': 'tls', 'allowedTargets': ['tls://x.example:993/']}}",
                        List.of("2:56: $.modules.m.allowedTargets[0]: allowed target 'tls://x.example:993/' is"
                                + " tls://host[:port], without a path")),
                Arguments.of("{'m': {'allowedTargets': 'https://x.example/'}}",
                        List.of("2:38: $.modules.m.allowedTargets: expected an array, got string")),
                Arguments.of("{'m': {'timeout': '0s'}}",
                        List.of("2:31: $.modules.m.timeout: '0s' must be positive")),
                Arguments.of("{'m': {'url2': 1}, 'n': []}",
                        List.of("2:20: $.modules.m.url2: unknown key 'url2'",
                                "2:37: $.modules.n: expected an object, got array")),
                Arguments.of("[]", List.of("2:13: $.modules: expected an object, got array")));
    }

    @ParameterizedTest
    @MethodSource("badModules")
    void everyBadModuleIsReportedAtItsPlace(String modules, List<String> expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(modules));

        Path file = dir.resolve("probes.json");
        assertEquals(expected.stream().map(line -> file + ":" + line).toList(),
                e.errors().stream().map(ConfigError::describe).toList());
    }

    @Test
    void aSecretInAModuleHeaderIsAllowedAndNeverShown() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{'m': {'headers': {'Authorization': 'Bearer ${TOKEN}'}, 'timeot': 1}}"));

        assertEquals(1, e.errors().size());
        assertFalse(e.getMessage().contains("SECRETPART"), e::getMessage);
    }
}
