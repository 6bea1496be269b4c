package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code agent.peers} key: the other agents whose probes the status page lists. */
class AgentPeersConfigTest {
    private static final String PROBES = "'probes': [{'name': 'api', 'url': 'https://api.example.com/'}]";

    @TempDir
    Path dir;

    private List<String> errors(String agent) {
        Path file = ConfigFiles.write(dir, "{'agent': " + agent + "," + PROBES + "}");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(name -> null, () -> "host-1").load(file));
        return e.errors().stream().map(error -> error.describe().substring(file.toString().length())).toList();
    }

    @Test
    void peersAreReadInOrderWithTheirUserInfo() throws ConfigException {
        VigilConfig config = new ConfigLoader(name -> null, () -> "host-1").load(ConfigFiles.write(dir,
                "{'agent': {'location': 'eu-west', 'peers': ['http://vigil-us-east-0.vigil:19115', "
                        + "'https://u:p@vigil.example/us-east']}," + PROBES + "}"));

        assertEquals(List.of(URI.create("http://vigil-us-east-0.vigil:19115"),
                URI.create("https://u:p@vigil.example/us-east")), config.agent().peers());
    }

    @Test
    void theCommandLinesPeersWinOverTheKey() throws ConfigException {
        VigilConfig config = new ConfigLoader(name -> null, () -> "host-1").asAgent(new AgentOverrides(null, null,
                null, AgentOverrides.peers(List.of("http://vigil-eu-0:19115")))).load(ConfigFiles.write(dir,
                "{'agent': {'peers': ['http://vigil-us-0:19115']}," + PROBES + "}"));

        assertEquals(List.of(URI.create("http://vigil-eu-0:19115")), config.agent().peers());
    }

    @Test
    void withoutTheKeyThereAreNoPeers() throws ConfigException {
        VigilConfig config = new ConfigLoader(name -> null, () -> "host-1").load(ConfigFiles.write(dir,
                "{'agent': {'location': 'eu-west'}," + PROBES + "}"));

        assertEquals(List.of(), config.agent().peers());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'peers': 'http://a:1'}            | :1:21: $.agent.peers: expected an array, got string",
        "{'peers': ['ftp://a/']}            | :1:22: $.agent.peers[0]: a peer must be an absolute http:// or https:// URL with a host, e.g. http://vigil-us-east-0.vigil:19115",
        "{'peers': ['a:19115']}             | :1:22: $.agent.peers[0]: a peer must be an absolute http:// or https:// URL with a host, e.g. http://vigil-us-east-0.vigil:19115",
        "{'peers': ['http://a/?x=1']}       | :1:22: $.agent.peers[0]: a peer must be a base URL without ?query or #fragment, e.g. http://vigil-us-east-0.vigil:19115",
        "{'peers': [7]}                     | :1:22: $.agent.peers[0]: expected a string, got number",
        "{'peers': ['http://a', 'http://a']} | :1:21: $.agent.peers: a peer is listed twice"})
    void reportsABadPeerWhereItIs(String agent, String error) {
        assertEquals(List.of(error), errors(agent));
    }

    @Test
    void moreThanThirtyTwoPeersAreRefused() {
        String peers = IntStream.range(0, 33).mapToObj(i -> "'http://vigil-" + i + ":19115'")
                .collect(Collectors.joining(","));

        assertEquals(List.of(":1:21: $.agent.peers: at most 32 peers, got 33"), errors("{'peers': [" + peers + "]}"));
    }

    @Test
    void aBadPeerIsReportedWithoutItsPassword() {
        List<String> errors = errors("{'peers': ['htp://user:hunter2@a:1/']}");

        assertEquals(1, errors.size());
        assertFalse(errors.getFirst().contains("hunter2"), errors.getFirst());
        assertTrue(errors.getFirst().startsWith(":1:22: $.agent.peers[0]: a peer must be"), errors.getFirst());
    }
}
