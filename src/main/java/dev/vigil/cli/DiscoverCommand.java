package dev.vigil.cli;

import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import dev.vigil.discovery.Discoverer;
import dev.vigil.discovery.Discovery;
import dev.vigil.fleet.Shard;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.lb.LbLookupException;
import dev.vigil.lb.ListWatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil discover}: lists what the config's {@code discovery} sources name, once, and prints the probes that
 * would run and what is skipped, without probing anything: the operator's dry run.
 */
@Command(name = "discover", mixinStandardHelpOptions = true, description = {
        "Print the probes the config's discovery section would run now, without probing.",
        "Lists each configured kind of object once from the Kubernetes API. Exit 0 when listed, 2 when the config is"
                + " invalid, 3 when the API server cannot be read."})
final class DiscoverCommand implements Callable<Integer> {
    enum Output { text, json }

    private final CliContext context;
    private final Path serviceAccountDir;

    @Spec
    CommandSpec spec;

    @Option(names = {"--config", "--config.file"}, required = true, paramLabel = "FILE",
            description = "The config file, e.g. vigil.json.")
    Path config;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json.")
    Output output;

    @Mixin
    AgentOptions agentOptions;

    DiscoverCommand(CliContext context) {
        this(context, KubernetesServiceReader.SERVICE_ACCOUNT_DIR);
    }

    /** @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt} */
    DiscoverCommand(CliContext context, Path serviceAccountDir) {
        this.context = context;
        this.serviceAccountDir = serviceAccountDir;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        VigilConfig loaded;
        try {
            loaded = context.configLoader().asAgent(agentOptions.overrides(spec)).load(config);
        } catch (ConfigException e) {
            err.println(config + ": " + e.count() + " error(s)");
            e.errors().stream().map(ConfigError::describe).forEach(err::println);
            err.flush();
            return NagiosStatus.CRITICAL.exitCode();
        }
        if (!loaded.discovery().enabled()) {
            err.println("UNKNOWN - " + config + " has no discovery section: nothing to discover");
            err.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        }
        Discovery.Result result;
        try (Discoverer discoverer = new Discoverer(loaded.discovery(), ListWatch.Limits.DEFAULT,
                context.environment(), serviceAccountDir, ListWatch.Pause.REAL, () -> { })) {
            result = discoverer.listOnce();
        } catch (LbLookupException e) {
            err.println("UNKNOWN - " + e.getMessage());
            err.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        }
        PrintWriter out = spec.commandLine().getOut();
        Shard shard = loaded.agent().shard();
        out.print(output == Output.json ? DiscoverReport.json(result, shard).toPrettyString() + "\n"
                : DiscoverReport.text(result, shard));
        out.flush();
        return NagiosStatus.OK.exitCode();
    }
}
