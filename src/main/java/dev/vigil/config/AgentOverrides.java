package dev.vigil.config;

import dev.vigil.fleet.AgentIdentity;
import dev.vigil.fleet.Shard;
import java.net.URI;
import java.util.HashSet;
import java.util.List;

/**
 * What the command line says of the agent's identity ({@code --agent-name}, {@code --location}, {@code --shard},
 * {@code --peer}), which wins over the config's {@code agent} section on every load. Each is null when not given.
 */
public record AgentOverrides(String name, String location, Shard shard, List<URI> peers) {
    public static final AgentOverrides NONE = new AgentOverrides(null, null, null);

    /** @throws IllegalArgumentException when the name or location is not one an agent may have, or a peer not one */
    public AgentOverrides {
        if (name != null) {
            AgentIdentity.checkText("name", name);
        }
        if (location != null) {
            AgentIdentity.checkText("location", location);
        }
        if (peers != null) {
            peers = List.copyOf(peers);
            if (peers.size() > AgentIdentity.MAX_PEERS) {
                throw new IllegalArgumentException("at most " + AgentIdentity.MAX_PEERS + " peers, got "
                        + peers.size());
            }
            if (new HashSet<>(peers).size() != peers.size()) {
                throw new IllegalArgumentException("a peer is listed twice");
            }
        }
    }

    /** Without peers from the command line. */
    public AgentOverrides(String name, String location, Shard shard) {
        this(name, location, shard, null);
    }

    /** {@code --peer}'s values as peers' base URLs; throws, saying why and not showing the URL, for a bad one. */
    public static List<URI> peers(List<String> urls) {
        return urls.stream().map(AgentParser::peer).toList();
    }
}
