package dev.vigil.config;

import dev.vigil.fleet.AgentIdentity;
import dev.vigil.fleet.Shard;

/**
 * What the command line says of the agent's identity ({@code --agent-name}, {@code --location}, {@code --shard}),
 * which wins over the config's {@code agent} section on every load. Each is null when not given.
 */
public record AgentOverrides(String name, String location, Shard shard) {
    public static final AgentOverrides NONE = new AgentOverrides(null, null, null);

    /** @throws IllegalArgumentException when the name or location is not one an agent may have */
    public AgentOverrides {
        if (name != null) {
            AgentIdentity.checkText("name", name);
        }
        if (location != null) {
            AgentIdentity.checkText("location", location);
        }
    }
}
