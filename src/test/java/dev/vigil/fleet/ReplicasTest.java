package dev.vigil.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicasTest {
    private static AgentIdentity agent(int replicas) {
        return new AgentIdentity("vigil-0", "eu-west", "location", new Shard(0, 2), replicas);
    }

    @Test
    void warnsOnlyAnAgentWithReplicasAndADirectRoute() {
        assertEquals(Optional.empty(), Replicas.duplicateAlertsWarning(agent(1), List.of("ops-slack")));
        assertEquals(Optional.empty(), Replicas.duplicateAlertsWarning(agent(2), List.of()));
        assertEquals(Optional.of("agent.replicas is 2: each agent of shard 0/2 sends every alert, so route(s)"
                        + " 'ops-slack', 'hook' will deliver each alert 2 times; send alerts through"
                        + " outputs.alertmanager, which deduplicates identical alerts from the replicas (docs/fleet.md)"),
                Replicas.duplicateAlertsWarning(agent(2), List.of("ops-slack", "hook")));
    }
}
