package dev.vigil.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgentIdentityTest {
    @Test
    void aHostsNameBecomesAnAgentsNameWhateverItHolds() {
        assertEquals("vigil-0", AgentIdentity.nameOfHost("vigil-0"));
        assertEquals("probeeu", AgentIdentity.nameOfHost("probe\u001b\neu"));
        assertEquals("a".repeat(AgentIdentity.MAX_TEXT), AgentIdentity.nameOfHost("a".repeat(300)));
        assertEquals("vigil", AgentIdentity.nameOfHost(""));
        assertEquals("vigil", AgentIdentity.nameOfHost(null));
        // Each is a name an agent may have.
        new AgentIdentity(AgentIdentity.nameOfHost("a".repeat(300)), null, "location", Shard.WHOLE, 1);
    }
}
