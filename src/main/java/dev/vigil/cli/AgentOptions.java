package dev.vigil.cli;

import dev.vigil.config.AgentOverrides;
import dev.vigil.fleet.Shard;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --agent-name}, {@code --location}, {@code --shard} and {@code --peer} of the commands that load a config as an agent of a
 * fleet would ({@code vigil run}, {@code vigil discover}): each wins over the config's {@code agent} key of its name.
 */
final class AgentOptions {
    @Option(names = "--agent-name", paramLabel = "NAME",
            description = "The agent's name (default: agent.name in the config, else the host's name).")
    String name;

    @Option(names = "--location", paramLabel = "LOCATION",
            description = "Where the agent probes from, e.g. eu-west: every probe series and alert then carries it as"
                    + " a label (default: agent.location in the config, else none).")
    String location;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT",
            description = "Run only shard INDEX of COUNT of the probes, e.g. 0/3 (default: agent.shard in the config,"
                    + " else all of them).")
    String shard;

    @Option(names = "--peer", paramLabel = "URL",
            description = "Another agent of the fleet whose probes the status page lists too, by its base URL, e.g."
                    + " http://vigil-us-east-0.vigil:19115; repeat for each (default: agent.peers in the config).")
    List<String> peers;

    /** The flags as overrides; a usage error of {@code spec}'s command naming the flag when one is not valid. */
    AgentOverrides overrides(CommandSpec spec) {
        Shard parsed = shard == null ? null : valid(spec, "--shard", () -> Shard.parse(shard));
        valid(spec, "--agent-name", () -> new AgentOverrides(name, null, null));
        valid(spec, "--location", () -> new AgentOverrides(null, location, null));
        List<URI> peerUrls = peers == null ? null : valid(spec, "--peer", () -> AgentOverrides.peers(peers));
        return valid(spec, "--peer", () -> new AgentOverrides(name, location, parsed, peerUrls));
    }

    private static <T> T valid(CommandSpec spec, String flag, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), flag + ": " + e.getMessage());
        }
    }
}
