package dev.vigil.config;

import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.output.Outputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads a Vigil config file strictly: unknown keys, wrong types and contradictions are errors, and every error in
 * the file is reported at once, each with its line, column and JSON path. The format is described in the README, section "Configuration".
 */
public final class ConfigLoader {
    private static final Set<String> PROBE_KEYS = Set.of("name", "url", "interval", "timeout", "method", "headers",
            "expectStatus", "expectBodyMatches", "failIfBodyMatches", "followRedirects", "expectHttpsRedirect",
            "maxBodySize", "ipFamily", "httpVersion", "tls", "labels", "cert", "dns");
    private static final Keys TOP = new Keys(Set.of("defaults", "probes"),
            Map.of("outputs", "'outputs' is reserved for result outputs and not supported by this version"), Map.of());
    private static final Keys TLS = new Keys(Set.of("caFile", "insecure", "warnDays", "critDays"), Map.of(), Map.of());
    private static final Keys PROBE = new Keys(PROBE_KEYS, Map.of(),
            Map.of("tls", TLS, "cert", CertParser.KEYS, "dns", DnsParser.KEYS));
    private static final Keys DEFAULTS = PROBE.refusing(Map.of(
            "name", "'name' is not allowed in defaults: every probe needs its own",
            "url", "'url' is not allowed in defaults: every probe needs its own"));

    private final Function<String, String> environment;

    /**
     * @param environment looks up {@code ${NAME}} references in header values, returning null when unset;
     *                    {@code System::getenv} in production, a map in tests
     */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Reads and validates {@code file}; throws with every problem found when it is not a valid config. */
    public VigilConfig load(Path file) throws ConfigException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.toString();
            throw new ConfigException(List.of(new ConfigError(file, 0, 0, "$", "cannot read the config file (" + why + ")")));
        }
        Problems problems = new Problems(file);
        ConfigNode root = new TreeReader(problems).read(json);
        List<ProbeConfig> probes = root == null ? List.of() : probes(root, file, problems);
        problems.throwIfAny();
        return new VigilConfig(file, probes, Outputs.NONE);
    }

    private List<ProbeConfig> probes(ConfigNode root, Path file, Problems problems) {
        Typed typed = new Typed(problems);
        ObjectNode top = typed.object(root);
        if (top == null) {
            return List.of();
        }
        TOP.check(top, problems);
        References.rejectOutsideHeaders(top, problems);
        Path baseDir = file.toAbsolutePath().getParent();
        ProbeParser parser = new ProbeParser(problems, new References(environment, baseDir, problems), baseDir);

        ConfigNode defaultsNode = top.get("defaults");
        ObjectNode defaults = defaultsNode == null ? null : typed.object(defaultsNode);
        if (defaults != null) {
            DEFAULTS.check(defaults, problems);
            parser.validateDefaults(defaults);
        } else {
            // Absent or reported as not an object: probes are still checked, against the built-in defaults only.
            defaults = new ObjectNode("$.defaults", top.line(), top.column(), List.of());
        }

        ConfigNode probesNode = top.get("probes");
        if (probesNode == null) {
            problems.add(top, "missing required key 'probes'");
            return List.of();
        }
        ArrayNode array = typed.array(probesNode);
        if (array != null && array.items().isEmpty()) {
            problems.add(array, "probes must list at least one probe");
        }
        List<ProbeConfig> probes = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        for (ConfigNode item : array == null ? List.<ConfigNode>of() : array.items()) {
            ObjectNode probe = typed.object(item);
            if (probe == null) {
                continue;
            }
            PROBE.check(probe, problems);
            String name = parser.name(probe);
            ConfigNode first = name == null ? null : names.putIfAbsent(name, probe.get("name"));
            if (first != null) {
                problems.add(probe.get("name"), "duplicate probe name '" + name + "' (first used at line " + first.line() + ")");
            }
            ProbeConfig config = parser.parse(defaults, probe, name);
            if (config != null) {
                probes.add(config);
            }
        }
        return probes;
    }
}
