package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help that reads whole: command summaries are whole sentences, and no option shows an empty list as its default. */
class HelpTextTest {
    private static final List<String> COMMANDS = List.of("probe", "run", "certs", "why", "validate", "discover", "notify-test",
            "demo", "help", "generate-completion");

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        CliRun run = vigil("--help");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> summaries = commandSummaries(run.stdout());
        assertEquals(COMMANDS, summaries.stream().map(s -> s.substring(0, s.indexOf(' '))).toList(), run::toString);
        for (String summary : summaries) {
            assertTrue(summary.endsWith("."), "not a whole sentence: " + summary);
        }
    }

    @ParameterizedTest(name = "vigil {0} --help")
    @ValueSource(strings = {"probe", "run", "certs", "why", "validate", "discover", "notify-test", "demo"})
    void noOptionShowsAnEmptyListAsItsDefault(String command) {
        CliRun run = vigil(command, "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.stdout().contains("Default: []"), run::toString);
        assertFalse(run.stdout().contains("Default:"), "defaults are said in the description: " + run);
    }

    @ParameterizedTest(name = "vigil {0} --help")
    @ValueSource(strings = {"probe", "run", "certs", "why", "validate", "discover", "notify-test", "demo"})
    void noFlagIsSplitAcrossLines(String command) {
        String help = vigil(command, "--help").stdout();

        // The wrapping breaks after a '.' or '-' inside a word: --web.enable-lifecycle came out as "--web." and
        // "enable-lifecycle" on two lines.
        assertFalse(Pattern.compile("--[a-z]+[.-]\\n\\s*[a-z]").matcher(help).find(), help);
    }

    @Test
    void theTopLevelHelpShowsNoEmptyDefaultEither() {
        assertFalse(vigil("--help").stdout().contains("Default: []"));
    }

    /** Each command of the "Commands:" section, its summary's wrapped lines joined: "probe Probe one URL …". */
    private static List<String> commandSummaries(String help) {
        List<String> entries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.isBlank()) {
                break;
            } else if (inCommands && line.startsWith("   ")) {
                entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
            } else if (inCommands) {
                entries.add(line.strip().replaceAll("\\s+", " "));
            }
        }
        return entries;
    }
}
