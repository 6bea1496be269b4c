package dev.vigil.config;

import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.files.BoundedFiles;
import dev.vigil.files.BoundedFiles.UnreadableFileException;
import dev.vigil.fleet.AgentIdentity;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.location.LocatedRoute;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Loads a Vigil config file strictly: unknown keys, wrong types and contradictions are errors, and every error in
 * the file is reported at once, each with its line, column and JSON path. The format is described in docs/configuration.md.
 */
public final class ConfigLoader {
    private static final Keys TOP = new Keys(Set.of("agent", "defaults", "probes", "outputs", "modules", "discovery"), Map.of(),
            Map.of("outputs", OutputsParser.KEYS, "agent", AgentParser.KEYS));
    private static final String FALLBACK_HOST_NAME = "vigil";

    /** Far above any real config (10,000 probes take about 1 MiB), far below the agent's heap. */
    public static final long MAX_CONFIG_BYTES = 8 << 20;
    /** For each file a config is read from or names; a local file takes milliseconds, a hung mount forever. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Function<String, String> environment;
    private final Supplier<String> hostName;
    /** The command line's say over the {@code agent} section; null when not loading for an agent that runs. */
    private final AgentOverrides overrides;

    /**
     * A loader whose Pushgateway grouping defaults to this host's name.
     *
     * @param environment looks up {@code ${NAME}} references in secrets, returning null when unset;
     *                    {@code System::getenv} in production, a map in tests
     */
    public ConfigLoader(Function<String, String> environment) {
        this(environment, ConfigLoader::localHostName);
    }

    /**
     * @param environment as in {@link #ConfigLoader(Function)}
     * @param hostName    the default {@code instance} grouping label of {@code outputs.pushgateway}; asked only
     *                    when a config has a Pushgateway without {@code groupingLabels}, or by {@link #hostName()}
     */
    public ConfigLoader(Function<String, String> environment, Supplier<String> hostName) {
        this(environment, once(Objects.requireNonNull(hostName, "hostName")), null);
    }

    private ConfigLoader(Function<String, String> environment, Supplier<String> hostName, AgentOverrides overrides) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.hostName = hostName;
        this.overrides = overrides;
    }

    /**
     * This loader for an agent that runs as the config's {@code agent} section says ({@code vigil run}, {@code vigil
     * discover}), with the command line's {@code overrides} winning over the section. Such an agent must know its
     * shard: a shard given by its count alone then needs {@code HOSTNAME}'s ordinal. Other loads ({@code vigil
     * validate}, {@code vigil probe --config}) run no shard, and take shard 0 when there is no ordinal.
     */
    public ConfigLoader asAgent(AgentOverrides overrides) {
        return new ConfigLoader(environment, hostName, Objects.requireNonNull(overrides, "overrides"));
    }

    /** {@code supplier}'s first answer, asked for once: the host's name does not change while Vigil runs. */
    private static Supplier<String> once(Supplier<String> supplier) {
        return new Supplier<>() {
            private volatile String answer;

            @Override
            public String get() {
                String known = answer;
                if (known == null) {
                    known = supplier.get();
                    answer = known;
                }
                return known;
            }
        };
    }

    /** The host name configs default to, e.g. for naming the sender of a test message. */
    public String hostName() {
        return hostName.get();
    }

    /** This host's name, or {@value #FALLBACK_HOST_NAME} when it cannot be found. */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return FALLBACK_HOST_NAME;
        }
    }

    /** Reads and validates {@code file}; throws with every problem found when it is not a valid config. */
    public VigilConfig load(Path file) throws ConfigException {
        byte[] json;
        try {
            json = BoundedFiles.read(file, MAX_CONFIG_BYTES, READ_TIMEOUT);
        } catch (UnreadableFileException e) {
            throw new ConfigException(List.of(new ConfigError(file, 0, 0, "$", "cannot read the config file (" + e.reason() + ")")));
        }
        Problems problems = new Problems(file);
        ConfigNode root = new TreeReader(problems).read(json);
        ObjectNode top = root == null ? null : new Typed(problems).object(root);
        if (top != null) {
            TOP.check(top, problems);
            References.rejectElsewhere(top, problems);
        }
        AgentIdentity agent = new AgentParser(problems, environment, hostName, overrides)
                .parse(top == null ? null : top.get("agent"));
        Path baseDir = file.toAbsolutePath().getParent();
        References references = new References(environment, baseDir, problems);
        ProbeParser parser = new ProbeParser(problems, references, baseDir);
        ObjectNode defaults = top == null ? null : defaults(top, parser, problems);
        List<ProbeConfig> probes = top == null ? List.of() : probes(top, parser, defaults, problems, agent);
        ConfigNode modulesNode = top == null ? null : top.get("modules");
        Map<String, ProbeModule> modules = modulesNode == null ? Map.of()
                : new ModulesParser(problems, parser).parse(defaults, modulesNode);
        ConfigNode outputsNode = top == null ? null : top.get("outputs");
        Outputs outputs = outputsNode == null ? Outputs.NONE : new OutputsParser(problems, references, hostName).parse(outputsNode);
        ConfigNode discoveryNode = top == null ? null : top.get("discovery");
        DiscoveryConfig discovery = discoveryNode == null ? DiscoveryConfig.NONE
                : new DiscoveryParser(problems, parser, file, environment).parse(defaults, discoveryNode);
        problems.throwIfAny();
        return new VigilConfig(file, probes, located(outputs, agent), modules, discovery, agent);
    }

    /** {@code outputs} with every route's notifications carrying the agent's location, when it has one. */
    private static Outputs located(Outputs outputs, AgentIdentity agent) {
        if (!agent.located()) {
            return outputs;
        }
        return new Outputs(outputs.pushgateway(), outputs.routes().stream().<RouteConfig>map(route ->
                new LocatedRoute(route, agent.locationLabel(), agent.location())).toList(), outputs.alerts());
    }

    /** The defaults, checked; an empty object when absent or reported as not an object. */
    private static ObjectNode defaults(ObjectNode top, ProbeParser parser, Problems problems) {
        ConfigNode defaultsNode = top.get("defaults");
        ObjectNode defaults = defaultsNode == null ? null : new Typed(problems).object(defaultsNode);
        if (defaults != null) {
            ProbeParser.DEFAULTS_KEYS.check(defaults, problems);
            parser.validateDefaults(defaults);
            return defaults;
        }
        // Probes and modules are still checked, against the built-in defaults only.
        return new ObjectNode(JsonPath.ROOT.child("defaults"), top.line(), top.column(), List.of());
    }

    /** The probes; with a location set, one with a label of the location's name is reported. */
    private List<ProbeConfig> probes(ObjectNode top, ProbeParser parser, ObjectNode defaults, Problems problems,
            AgentIdentity agent) {
        Typed typed = new Typed(problems);
        Names names = new Names(problems, typed);

        // An agent that only answers /probe, as a blackbox_exporter does, schedules nothing of its own.
        boolean modules = top.get("modules") instanceof ObjectNode m && !m.members().isEmpty() || top.get("discovery") != null;
        ConfigNode probesNode = modules ? top.get("probes") : typed.required(top, "probes");
        ArrayNode array = probesNode == null ? null : typed.array(probesNode);
        if (array != null && array.items().isEmpty() && !modules) {
            problems.add(array, "probes must list at least one probe");
        }
        List<ProbeConfig> probes = new ArrayList<>();
        Map<String, Located> seen = new HashMap<>();
        for (ConfigNode item : array == null ? List.<ConfigNode>of() : array.items()) {
            ObjectNode probe = typed.object(item);
            if (probe == null) {
                continue;
            }
            ProbeParser.KEYS.check(probe, problems);
            String name = names.name(probe);
            names.unique(seen, "probe", name, probe.get("name"));
            ProbeConfig config = parser.parse(defaults, probe, name);
            if (config != null && agent != null && agent.located() && config.labels().containsKey(agent.locationLabel())) {
                problems.add(Objects.requireNonNullElse(probe.get("labels"), probe), "label '" + agent.locationLabel()
                        + "' is the agent's location label, which every series of the probe carries; rename it, or"
                        + " set agent.locationLabel to another name");
            } else if (config != null) {
                probes.add(config);
            }
        }
        return probes;
    }
}
