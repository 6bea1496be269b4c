package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.fleet.AgentIdentity;
import dev.vigil.fleet.Shard;
import dev.vigil.output.alertmanager.AlertmanagerRoute;
import dev.vigil.output.location.LocatedRoute;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config's {@code agent} section, and the command line's overrides over it. */
class AgentConfigTest {
    private static final String PROBES = "'probes': [{'name': 'api', 'url': 'https://api.example.com/'}]";

    @TempDir
    Path dir;

    private static ConfigLoader loader(Map<String, String> environment) {
        return new ConfigLoader(environment::get, () -> "host-1");
    }

    private VigilConfig load(String agent) throws ConfigException {
        return loader(Map.of()).load(ConfigFiles.write(dir, "{" + agent + PROBES + "}"));
    }

    private List<String> errors(ConfigLoader loader, String config) {
        Path file = ConfigFiles.write(dir, config);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
        return e.errors().stream().map(error -> error.describe().substring(file.toString().length())).toList();
    }

    @Test
    void withoutASectionTheAgentIsASingleOneNamedAfterItsHost() throws ConfigException {
        VigilConfig config = load("");

        assertEquals(AgentIdentity.single("host-1"), config.agent());
        assertEquals(config.probes(), config.ownProbes());
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        VigilConfig config = load("'agent': {'name': 'probe-eu-1', 'location': 'eu-west', 'locationLabel': 'region',"
                + " 'shard': {'index': 1, 'count': 3}, 'replicas': 2},");

        assertEquals(new AgentIdentity("probe-eu-1", "eu-west", "region", new Shard(1, 3), 2), config.agent());
    }

    @Test
    void aCountWithoutIndexTakesTheIndexFromTheStatefulSetPodsHostName() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{'agent': {'shard': {'count': 3}}," + PROBES + "}");

        VigilConfig config = loader(Map.of("HOSTNAME", "vigil-2")).load(file);

        assertEquals(new Shard(2, 3), config.agent().shard());
    }

    @Test
    void aLoadThatRunsNoShardNeedsNoOrdinal() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{'agent': {'shard': {'count': 3}}," + PROBES + "}");

        // vigil validate of a StatefulSet's config, in CI: no pod name, and no shard to run.
        VigilConfig config = loader(Map.of("HOSTNAME", "ci-runner")).load(file);

        assertEquals(new Shard(0, 3), config.agent().shard());
    }

    @Test
    void theCommandLineWinsOverTheSection() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{'agent': {'name': 'a', 'location': 'eu', 'shard': {'count': 3}}," + PROBES + "}");

        // The section's count-only shard would need HOSTNAME's ordinal; --shard replaces it, so none is asked for.
        VigilConfig config = loader(Map.of()).asAgent(new AgentOverrides("b", "us", new Shard(0, 2))).load(file);

        assertEquals(new AgentIdentity("b", "us", "location", new Shard(0, 2), 1), config.agent());
    }

    @Test
    void withALocationEveryRouteCarriesIt() throws ConfigException {
        VigilConfig config = load("'agent': {'location': 'eu-west'},"
                + " 'outputs': {'alertmanager': [{'name': 'am', 'urls': ['http://am:9093']}]},");

        LocatedRoute route = (LocatedRoute) config.outputs().routes().getFirst();
        assertEquals(List.of("location", "eu-west"), List.of(route.label(), route.location()));
        assertEquals(AlertmanagerRoute.class, route.kind().getClass());
        assertEquals(List.of(), config.outputs().directRoutes());
    }

    @Test
    void withoutALocationRoutesAreAsConfigured() throws ConfigException {
        VigilConfig config = load("'outputs': {'webhooks': [{'name': 'hook', 'url': 'https://hooks.example.com/x'}]},");

        assertEquals(List.of("hook"), config.outputs().directRoutes());
        assertEquals(false, config.outputs().routes().getFirst() instanceof LocatedRoute);
    }

    @Test
    void aShardOwnsItsShareOfTheProbes() throws ConfigException {
        String probes = "'probes': [" + String.join(",", List.of("a", "b", "c", "d", "e", "f", "g", "h").stream()
                .map(name -> "{'name': '" + name + "', 'url': 'https://" + name + ".example.com/'}").toList()) + "]";
        Path file = ConfigFiles.write(dir, "{" + probes + "}");
        List<String> all = loader(Map.of()).load(file).probes().stream().map(ProbeConfig::name).toList();

        List<String> first = own(file, new Shard(0, 2));
        List<String> second = own(file, new Shard(1, 2));

        assertEquals(List.of(), first.stream().filter(second::contains).toList(), "no probe is in both shards");
        assertEquals(all.size(), first.size() + second.size());
    }

    private static List<String> own(Path file, Shard shard) throws ConfigException {
        return loader(Map.of()).asAgent(new AgentOverrides(null, null, shard)).load(file).ownProbes().stream()
                .map(ProbeConfig::name).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'name': ''}                    | :1:20: $.agent.name: name must be 1 to 128 characters without control characters",
        "{'location': 7}                 | :1:24: $.agent.location: expected a string, got number",
        "{'locationLabel': 'a-b'}        | :1:29: $.agent.locationLabel: the location label 'a-b' must match [a-zA-Z_][a-zA-Z0-9_]* and not start with '__'",
        "{'locationLabel': 'instance'}   | :1:29: $.agent.locationLabel: the location label 'instance' is one Vigil sets itself",
        "{'locationLabel': 'severity'}   | :1:29: $.agent.locationLabel: the location label 'severity' is one Vigil sets itself",
        "{'shard': {'index': 3, 'count': 3}} | :1:31: $.agent.shard.index: the shard index must be from 0 to 2 (the count less one), got 3",
        "{'shard': {'index': 0}}         | :1:21: $.agent.shard: missing required key 'count'",
        "{'shard': {'count': 2000}}      | :1:31: $.agent.shard.count: count must be at most 1024, got 2000",
        "{'shard': {'count': 3}}         | :1:21: $.agent.shard: the shard index is not set and HOSTNAME is unset, as a StatefulSet pod's does; set the index or start with --shard INDEX/COUNT",
        "{'replicas': 0}                 | :1:24: $.agent.replicas: must be at least 1, got 0",
        "{'shards': 2}                   | :1:12: $.agent.shards: unknown key 'shards' (did you mean 'shard'?)"})
    void reportsABadValueWhereItIs(String agent, String error) {
        assertEquals(List.of(error), errors(loader(Map.of()).asAgent(AgentOverrides.NONE),
                "{'agent': " + agent + "," + PROBES + "}"));
    }

    @Test
    void aProbeLabelNamedAsTheLocationLabelIsReported() {
        List<String> errors = errors(loader(Map.of()), """
                {'agent': {'location': 'eu-west'},
                 'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'labels': {'location': 'x'}}]}
                """);

        assertEquals(List.of(":2:74: $.probes[0].labels: label 'location' is the agent's location label, which every"
                + " series of the probe carries; rename it, or set agent.locationLabel to another name"), errors);
    }

    @Test
    void aProbeLabelNamedAsTheLocationLabelIsFineWithoutALocation() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'labels': {'location': 'x'}}]}
                """);

        assertEquals(Map.of("location", "x"), loader(Map.of()).load(file).probes().getFirst().labels());
    }
}
