package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateDirectoryTest {
    private static final Path WORKING_DIR = Path.of("/home/ops");

    @ParameterizedTest(name = "flag={0} STATE_DIRECTORY={1} -> {2}")
    @CsvSource(nullValues = "unset", value = {
            "/srv/vigil,      /var/lib/vigil,                /srv/vigil",
            "state,           /var/lib/vigil,                /home/ops/state",
            "'',              /var/lib/vigil,                /var/lib/vigil",
            "unset,           /var/lib/vigil,                /var/lib/vigil",
            "unset,           /var/lib/vigil:/var/lib/other, /var/lib/vigil",
            "unset,           '',                            /home/ops/vigil-state",
            "unset,           :/var/lib/other,               /home/ops/vigil-state",
            "unset,           unset,                         /home/ops/vigil-state",
    })
    void flagThenSystemdThenTheWorkingDirectory(String flag, String stateDirectory, String expected) {
        Map<String, String> env = stateDirectory == null ? Map.of() : Map.of("STATE_DIRECTORY", stateDirectory);

        assertEquals(Path.of(expected), StateDirectory.resolve(flag, env::get, WORKING_DIR));
    }
}
