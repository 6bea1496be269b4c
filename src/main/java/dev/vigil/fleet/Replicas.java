package dev.vigil.fleet;

import java.util.List;
import java.util.Optional;

/**
 * What running a shard on several agents means for alerts: each replica sends every alert of the shard, so a route
 * that delivers straight to people (Slack, a webhook) delivers each alert once per replica. Alertmanager takes the
 * same alert from each and notifies once. The agent knows it has replicas only when told ({@code agent.replicas}):
 * nothing on the host says so reliably.
 */
public final class Replicas {
    private Replicas() {
    }

    /**
     * The warning for an agent that is one of {@code agent.replicas()} running its shard and has {@code directRoutes}
     * (the names of its Slack and webhook routes); empty when it has no replicas or no such route.
     */
    public static Optional<String> duplicateAlertsWarning(AgentIdentity agent, List<String> directRoutes) {
        if (agent.replicas() < 2 || directRoutes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("agent.replicas is " + agent.replicas() + ": each agent of shard " + agent.shard()
                + " sends every alert, so route(s) " + String.join(", ", directRoutes.stream()
                        .map(name -> "'" + name + "'").toList())
                + " will deliver each alert " + agent.replicas() + " times; send alerts through outputs.alertmanager,"
                + " which deduplicates identical alerts from the replicas (docs/fleet.md)");
    }
}
