package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil validate FILE}: exit 0 when valid, 2 with every error located as file:line:column otherwise. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void exampleConfigIsValid() {
        // Surefire runs with the Maven basedir as working directory.
        CliRun run = vigil("validate", "probes.example.json");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("probes.example.json: valid, 4 probe(s)", run.stdout().strip());
        assertEquals("", run.stderr());
    }

    @Test
    void badFileListsEveryErrorWithItsLocation() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), """
                {
                  "probes": [
                    { "name": "api", "url": "https://api.example.com/", "timeot": "5s" },
                    { "name": "web", "url": "ftp://files.example.com/" },
                    { "name": "api", "url": "https://api.example.org/", "interval": "30 seconds" }
                  ]
                }
                """);

        CliRun run = vigil("validate", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        List<String> lines = run.stderr().lines().toList();
        assertEquals(file + ": 4 error(s)", lines.getFirst(), run::toString);
        List<String> errors = lines.subList(1, lines.size());
        assertEquals(4, errors.size(), run::toString);
        for (String error : errors) {
            assertTrue(error.matches("\\Q" + file + "\\E:\\d+:\\d+: \\$\\.probes\\[\\d]\\S*: .+"), error);
        }
        assertTrue(errors.contains(file + ":3:57: $.probes[0].timeot: unknown key 'timeot' (did you mean 'timeout'?)"),
                run::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(file + ":4:") && e.contains("$.probes[1].url")
                && e.contains("ftp")), run::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(file + ":5:") && e.contains("$.probes[2].name")
                && e.contains("duplicate probe name 'api'")), run::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(file + ":5:") && e.contains("$.probes[2].interval")
                && e.contains("'30 seconds' is not a duration")), run::toString);
        assertEquals("", run.stdout());
    }

    @Test
    void syntaxErrorIsLocated() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"probes\": [\n");

        CliRun run = vigil("validate", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().lines().skip(1).allMatch(l -> l.matches("\\Q" + file + "\\E:\\d+:\\d+: .+")),
                run::toString);
        assertTrue(run.stderr().contains("invalid JSON"), run::toString);
    }

    @Test
    void missingFileIsAnError() {
        Path missing = dir.resolve("nope.json");

        CliRun run = vigil("validate", missing.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("no such file"), run::toString);
    }

    @Test
    void missingArgumentIsBadUsage() {
        CliRun run = vigil("validate");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("CONFIG"), run::toString);
    }
}
