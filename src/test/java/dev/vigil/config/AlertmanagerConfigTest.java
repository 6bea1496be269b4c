package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.cert.Severity;
import dev.vigil.output.Route;
import dev.vigil.output.Secret;
import dev.vigil.output.alertmanager.AlertmanagerRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outputs.alertmanager}: every key, the defaults, and each bad value located without quoting a URL. */
class AlertmanagerConfigTest {
    private static final String PROBES = "'probes': [{'name': 'api', 'url': 'https://api.example.com/'}]";
    private static final String WITH_PASSWORD = "https://vigil:s3cret@am2.example.com:9093/prefix";
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("AM2_URL", WITH_PASSWORD)::get, () -> "host-1");

    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'alertmanager': [{'name': 'am', 'urls': ['http://am1:9093', '${AM2_URL}'],
                     'resendInterval': '30s', 'timeout': '5s', 'generatorUrl': 'http://vigil.example.com/',
                     'severities': ['critical'], 'labels': {'team': 'ops'}}]}}
                """.formatted(PROBES));

        AlertmanagerRoute route = (AlertmanagerRoute) LOADER.load(file).outputs().routes().getFirst();

        assertEquals(new Route("am", route.urls().getFirst(), Set.of(Severity.CRITICAL), Map.of("team", "ops")),
                route.route());
        assertEquals(List.of("http://am1:9093", WITH_PASSWORD), route.urls().stream().map(Secret::reveal).toList());
        assertEquals(Duration.ofSeconds(30), route.resendInterval());
        assertEquals(Duration.ofSeconds(5), route.timeout());
        assertEquals("http://vigil.example.com/", route.generatorUrl());
        assertFalse(route.toString().contains("s3cret"), route.toString());
    }

    @Test
    void aRouteWithOnlyANameAndAUrlGetsTheDefaults() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'alertmanager': [{'name': 'am', 'urls': ['http://am1:9093']}]}}
                """.formatted(PROBES));

        AlertmanagerRoute route = (AlertmanagerRoute) LOADER.load(file).outputs().routes().getFirst();

        assertEquals(new AlertmanagerRoute(new Route("am", route.urls().getFirst(), Set.of(), Map.of()),
                route.urls(), Duration.ofMinutes(1), Duration.ofSeconds(10), null), route);
    }

    @Test
    void badValuesAreLocatedAndNoUrlIsQuoted() {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'alertmanager': [
                  {'name': 'a', 'urls': []},
                  {'name': 'b', 'urls': ['${AM2_URL}', 'https://vigil:s3cret@am2.example.com:9093/prefix/']},
                  {'name': 'c', 'urls': ['ftp://vigil:s3cret@am', 'http://am'], 'resendInterval': '0s'},
                  {'name': 'd', 'urls': 'http://am', 'timeout': 5, 'generatorUrl': 'vigil:9116', 'url': 'http://am'},
                  {'name': 'e'}]}}
                """.formatted(PROBES));

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        List<String> errors = e.errors().stream().map(ConfigError::describe).toList();
        assertEquals(List.of(
                file + ":2:25: $.outputs.alertmanager[0].urls: urls must list at least one URL, e.g. [\"http://alertmanager:9093\"]",
                file + ":3:40: $.outputs.alertmanager[1].urls[1]: duplicate URL: each is sent every alert already",
                file + ":4:26: $.outputs.alertmanager[2].urls[0]: urls must be an absolute http:// or https:// URL with a host, e.g. http://alertmanager:9093",
                file + ":4:83: $.outputs.alertmanager[2].resendInterval: '0s' must be positive",
                file + ":5:25: $.outputs.alertmanager[3].urls: expected an array, got string",
                file + ":5:49: $.outputs.alertmanager[3].timeout: expected a string, got number",
                file + ":5:68: $.outputs.alertmanager[3].generatorUrl: generatorUrl must be an absolute http:// or https:// URL with a host, e.g. http://vigil.example.com/",
                file + ":5:82: $.outputs.alertmanager[3].url: unknown key 'url' (did you mean 'urls'?)",
                file + ":6:3: $.outputs.alertmanager[4]: missing required key 'urls'"), errors);
        assertFalse(errors.toString().contains("s3cret"), errors.toString());
    }

    @Test
    void routeNamesAreUniqueAcrossKinds() {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'webhooks': [{'name': 'ops', 'url': 'https://hooks.example.com/x'}],
                                 'alertmanager': [{'name': 'ops', 'urls': ['http://am1:9093']}]}}
                """.formatted(PROBES));

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(1, e.errors().size(), e.errors().toString());
        assertEquals("$.outputs.alertmanager[0].name", e.errors().getFirst().jsonPath(), e.errors().toString());
    }
}
