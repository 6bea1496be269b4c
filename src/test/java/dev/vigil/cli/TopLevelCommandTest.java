package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code vigil --version}, {@code help}, {@code generate-completion} and the bare command. */
class TopLevelCommandTest {
    @Test
    void versionStartsWithTheProgramName() {
        CliRun run = vigil("--version");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().lines().findFirst().orElseThrow().startsWith("vigil "), run::toString);
        assertTrue(run.stdout().contains("Java "), run::toString);
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = vigil("help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("probe"), run::toString);
        assertTrue(run.stdout().contains("validate"), run::toString);
        assertTrue(run.stdout().contains("notify-test"), run::toString);
        // The footer is wrapped to the usage width, so compare with whitespace runs folded.
        assertTrue(run.stdout().replaceAll("\\s+", " ").contains("0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN"), run::toString);
    }

    @Test
    void helpOfASubcommandShowsItsOptions() {
        CliRun run = vigil("help", "probe");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("--expect-status"), run::toString);
        assertTrue(run.stdout().contains("--warn-days"), run::toString);
    }

    @Test
    void bareCommandPrintsUsage() {
        CliRun run = vigil();

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("Usage: vigil"), run::toString);
    }

    @Test
    void completionScriptIsForBash() {
        CliRun run = vigil("generate-completion");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("bash"), run::toString);
        assertTrue(run.stdout().contains("complete "), run::toString);
        assertTrue(run.stdout().contains("probe"), run::toString);
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        CliRun run = vigil("frobnicate");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("frobnicate"), run::toString);
    }
}
