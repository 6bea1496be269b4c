package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.alert.AlertPolicy;
import dev.vigil.cert.Severity;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.pushgateway.Compression;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import dev.vigil.output.slack.SlackRoute;
import dev.vigil.output.webhook.WebhookRoute;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level {@code outputs} block; its bad values are in {@link BadConfigTest}. */
class OutputsConfigTest {
    private static final String PROBES = "'probes': [{'name': 'api', 'url': 'https://api.example.com/'}]";
    private static final String HOOK = "https://hooks.slack.com/services/T000/B000/XXXX";
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("PUSH_PASSWORD", "pa55", "SLACK_WEBHOOK_URL", HOOK,
            "WEBHOOK_URL", "https://bridge.example.com/vigil?token=abc")::get, () -> "host-1");

    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws Exception {
        Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/push-password"), "pa55\n");
        Path file = ConfigFiles.write(dir, """
                {%s,
                 'outputs': {
                   'pushgateway': {'url': 'https://pushgateway.example.com:9091/prefix', 'job': 'vigil-agent',
                                   'groupingLabels': {'instance': 'vigil-1', 'path': 'a/b', 'empty': ''},
                                   'interval': '30s', 'timeout': '30s',
                                   'basicAuth': {'username': 'vigil', 'password': '${file:secrets/push-password}'},
                                   'deleteOnShutdown': true, 'compression': 'none'},
                   'slack': [{'name': 'oncall', 'webhookUrl': '${SLACK_WEBHOOK_URL}', 'severities': ['critical', 'warning'],
                              'labels': {'team': 'payments'}, 'mention': '<!here>'},
                             {'name': 'all', 'webhookUrl': 'https://hooks.slack.com/services/T000/B000/YYYY'}],
                   'webhooks': [{'name': 'alertmanager-bridge', 'url': '${WEBHOOK_URL}', 'severities': ['info'],
                                 'labels': {'env': 'prod', 'tier': '1'}}],
                   'alerts': {'failureThreshold': 3, 'successThreshold': 2, 'repeatInterval': '1h30m', 'minInterval': '1m',
                              'renewals': true}}}
                """.formatted(PROBES));

        Outputs outputs = LOADER.load(file).outputs();

        PushgatewaySettings push = outputs.pushgateway();
        assertEquals(new PushgatewaySettings(URI.create("https://pushgateway.example.com:9091/prefix"), "vigil-agent",
                Map.of("instance", "vigil-1", "path", "a/b", "empty", ""), Duration.ofSeconds(30), Duration.ofSeconds(30),
                push.authorization(), true, Compression.NONE), push);
        assertEquals(List.of("instance", "path", "empty"), List.copyOf(push.grouping().keySet()), "grouping keeps file order");
        assertEquals("Basic dmlnaWw6cGE1NQ==", push.authorization().reveal()); // base64 of vigil:pa55
        List<SlackRoute> slack = ofKind(outputs, SlackRoute.class);
        assertEquals(List.of(new SlackRoute(new Route("oncall", slack.get(0).route().url(),
                        Set.of(Severity.CRITICAL, Severity.WARNING), Map.of("team", "payments")), "<!here>"),
                new SlackRoute(new Route("all", slack.get(1).route().url(), Set.of(), Map.of()), null)), slack);
        assertEquals(List.of(HOOK, "https://hooks.slack.com/services/T000/B000/YYYY"), reveal(slack));
        List<WebhookRoute> webhooks = ofKind(outputs, WebhookRoute.class);
        assertEquals(List.of(new WebhookRoute(new Route("alertmanager-bridge", webhooks.getFirst().route().url(),
                Set.of(Severity.INFO), Map.of("env", "prod", "tier", "1")))), webhooks);
        assertEquals(List.of("https://bridge.example.com/vigil?token=abc"), reveal(webhooks));
        assertEquals(new AlertPolicy(3, 2, Duration.ofMinutes(90), Duration.ofMinutes(1), true), outputs.alerts());
    }

    @Test
    void bearerTokenComesFromAnEnvironmentVariableOrAFile() throws Exception {
        Files.writeString(dir.resolve("push-token"), "t0k3n\r\n");
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'pushgateway': {'url': 'http://pushgateway:9091', 'bearerToken': '${file:push-token}'}}}
                """.formatted(PROBES));

        assertEquals("Bearer t0k3n", LOADER.load(file).outputs().pushgateway().authorization().reveal());

        ConfigFiles.write(dir, """
                {%s, 'outputs': {'pushgateway': {'url': 'http://pushgateway:9091', 'bearerToken': 'x-${PUSH_PASSWORD}'}}}
                """.formatted(PROBES));

        assertEquals("Bearer x-pa55", LOADER.load(file).outputs().pushgateway().authorization().reveal());
    }

    @Test
    void aPushgatewayWithOnlyAUrlGetsTheDefaults() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{%s, 'outputs': {'pushgateway': {'url': 'http://pushgateway:9091'}}}".formatted(PROBES));

        Outputs outputs = LOADER.load(file).outputs();

        assertEquals(new Outputs(new PushgatewaySettings(URI.create("http://pushgateway:9091"), "vigil",
                Map.of("instance", "host-1"), Duration.ofSeconds(15), Duration.ofSeconds(5), null, false,
                Compression.GZIP),
                List.of(), AlertPolicy.DEFAULT), outputs);
    }

    @Test
    void emptyGroupingLabelsGroupByJobAlone() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'pushgateway': {'url': 'http://pushgateway:9091', 'groupingLabels': {}}}}
                """.formatted(PROBES));

        assertEquals(Map.of(), LOADER.load(file).outputs().pushgateway().grouping());
    }

    @Test
    void withoutOutputsNothingIsSentAndAlertsUseTheDefaultPolicy() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{%s}".formatted(PROBES));

        assertEquals(new Outputs(null, List.of(), AlertPolicy.DEFAULT), LOADER.load(file).outputs());
    }

    @Test
    void anEmptyOutputsObjectIsTheSameAsNone() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{%s, 'outputs': {}}".formatted(PROBES));

        assertEquals(Outputs.NONE, LOADER.load(file).outputs());
    }

    @Test
    void alertsMayOmitKeysAndNeverRepeat() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{%s, 'outputs': {'alerts': {'repeatInterval': 'never'}}}".formatted(PROBES));

        Outputs outputs = LOADER.load(file).outputs();

        assertNull(outputs.pushgateway());
        assertEquals(new AlertPolicy(2, 1, Duration.ZERO, Duration.ofMinutes(5), false), outputs.alerts());
    }

    @Test
    void routesOfEveryKindComeKindByKindEachAsListed() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'webhooks': [{'name': 'w1', 'url': 'https://a.example/1'},
                                              {'name': 'w0', 'url': 'https://a.example/0'}],
                                 'slack': [{'name': 's1', 'webhookUrl': 'https://hooks.slack.com/services/T/B/1'}]}}
                """.formatted(PROBES));

        List<RouteConfig> routes = LOADER.load(file).outputs().routes();

        assertEquals(List.of("s1", "w1", "w0"), routes.stream().map(route -> route.route().name()).toList());
    }

    @Test
    void eachKindTakesItsOwnKeysAndNoOtherKindsWithTheirLocation() {
        Path file = ConfigFiles.write(dir, """
                {%s,
                 'outputs': {'slack': [{'name': 's', 'webhookUrl': 'https://hooks.slack.com/services/T/B/1', 'url': 'x'}],
                             'webhooks': [{'name': 'w', 'url': 'https://a.example/', 'webhookUrl': 'x', 'mention': '<!here>'}]}}
                """.formatted(PROBES));

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(
                file + ":2:94: $.outputs.slack[0].url: unknown key 'url'",
                file + ":3:70: $.outputs.webhooks[0].webhookUrl: unknown key 'webhookUrl'",
                file + ":3:89: $.outputs.webhooks[0].mention: unknown key 'mention'"),
                e.errors().stream().map(ConfigError::describe).toList());
    }

    @Test
    void aSlackMentionIsASlackRoutesOwnAndMustBeAString() {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'slack': [{'name': 's', 'webhookUrl': 'https://hooks.slack.com/services/T/B/1', 'mention': 1}]}}
                """.formatted(PROBES));

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(file + ":1:169: $.outputs.slack[0].mention: expected a string, got number"),
                e.errors().stream().map(ConfigError::describe).toList());
    }

    @Test
    void secretsAreAbsentFromToString() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {%s, 'outputs': {'pushgateway': {'url': 'http://pushgateway:9091',
                                                 'basicAuth': {'username': 'vigil', 'password': '${PUSH_PASSWORD}'}},
                                 'slack': [{'name': 'oncall', 'webhookUrl': '${SLACK_WEBHOOK_URL}'}]}}
                """.formatted(PROBES));

        String shown = LOADER.load(file).toString();

        assertFalse(shown.contains("XXXX"), shown);
        assertFalse(shown.contains("dmlnaWw6cGE1NQ=="), shown);
    }

    private static List<String> reveal(List<? extends RouteConfig> routes) {
        return routes.stream().map(route -> route.route().url().reveal()).toList();
    }

    /** The routes of {@code kind}, in order. */
    private static <T extends RouteConfig> List<T> ofKind(Outputs outputs, Class<T> kind) {
        return outputs.routes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
