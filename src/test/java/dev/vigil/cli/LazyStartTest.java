package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17: a one-shot command builds only what it uses (the subcommand it names, the TLS context only to send), and
 * behaves as it did with the whole command tree built.
 */
class LazyStartTest {
    private static final List<String> SINGLE = Main.SUBCOMMANDS.stream()
            .filter(name -> !name.equals("help") && !name.equals("generate-completion")).toList();

    static final List<List<String>> BAD_USAGE = List.of(List.of("valdate", "probes.json"), List.of("--bogus"),
            List.of("probe", "--bogus"), List.of("validate"));

    static final List<String> CONFIGS = java.util.Arrays.asList("""
            { "probes": [ { "name": "api", "url": "https://api.example.com/" } ] }
            """, """
            { "probes": [ { "name": "api", "url": "ftp://api.example.com/", "timeot": "5s" } ] }
            """, null);

    @TempDir
    Path dir;

    static Stream<Arguments> neededSubcommands() {
        return Stream.of(
                Arguments.of(List.of("--version"), List.of()),
                Arguments.of(List.of("-V"), List.of()),
                Arguments.of(List.of("probe", "https://example.com/"), List.of("probe")),
                Arguments.of(List.of("validate", "probes.json"), List.of("validate")),
                Arguments.of(List.of("run", "--config", "probes.json"), List.of("run")),
                Arguments.of(List.of("notify-test", "--help"), List.of("notify-test")),
                // Anything else sees the whole tree: usage, help, completion, "did you mean", options before it.
                Arguments.of(List.of(), Main.SUBCOMMANDS),
                Arguments.of(List.of("--help"), Main.SUBCOMMANDS),
                Arguments.of(List.of("--version", "probe"), Main.SUBCOMMANDS),
                Arguments.of(List.of("help", "probe"), Main.SUBCOMMANDS),
                Arguments.of(List.of("generate-completion"), Main.SUBCOMMANDS),
                Arguments.of(List.of("prob", "https://example.com/"), Main.SUBCOMMANDS),
                Arguments.of(List.of("-h", "probe"), Main.SUBCOMMANDS));
    }

    @ParameterizedTest
    @MethodSource
    void neededSubcommands(List<String> args, List<String> needed) {
        assertEquals(needed, Main.needed(args.toArray(String[]::new)));
    }

    @Test
    void versionWithoutPicocliPrintsWhatPicocliPrints() {
        StringWriter out = new StringWriter();
        Main.printVersion(new PrintWriter(out));

        CliRun run = vigil("--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(run.stdout(), out.toString());
        assertEquals(run.stdout(), full("--version").stdout());
    }

    static Stream<Arguments> validateOnly() {
        return Stream.of(
                Arguments.of(List.of("validate", "probes.json"), "probes.json"),
                Arguments.of(List.of("validate", "dir with spaces/probes.json"), "dir with spaces/probes.json"),
                Arguments.of(List.of("validate"), null),
                Arguments.of(List.of("validate", "--help"), null),
                Arguments.of(List.of("validate", "-"), null),
                Arguments.of(List.of("validate", "@args.txt"), null),
                Arguments.of(List.of("validate", ""), null),
                Arguments.of(List.of("validate", "nul\0in a name"), null),
                Arguments.of(List.of("validate", "a.json", "b.json"), null),
                Arguments.of(List.of("probe", "probes.json"), null));
    }

    @ParameterizedTest
    @MethodSource
    void validateOnly(List<String> args, String file) {
        Path validated = Main.validateOnly(args.toArray(String[]::new));
        assertEquals(file, validated == null ? null : validated.toString());
    }

    /** What {@code vigil validate FILE} prints without picocli, for a valid, an invalid and a missing file. */
    @ParameterizedTest
    @FieldSource("CONFIGS")
    void validateWithoutPicocliPrintsWhatPicocliPrints(String text) throws Exception {
        Path config = dir.resolve("probes.json");
        if (text != null) {
            Files.writeString(config, text);
        }
        CliRun picocli = vigil("validate", config.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ValidateCommand command = new ValidateCommand(new CliContext(Clock.systemUTC(), Resolver.SYSTEM,
                new ConfigLoader(name -> null), "Vigil/test", name -> null, CliRun::jdkTls));

        int code = command.validate(Main.validateOnly("validate", config.toString()), new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(picocli.toString(), new CliRun(code, out.toString(), err.toString()).toString());
    }

    @ParameterizedTest
    @FieldSource("SINGLE")
    void aSubcommandAloneHasTheUsageItHasInTheWholeTree(String name) {
        CliRun alone = vigil(name, "--help");

        assertEquals(0, alone.exitCode(), alone::toString);
        assertTrue(alone.stdout().startsWith("Usage: vigil " + name), alone::toString);
        assertEquals(full(name, "--help").stdout(), alone.stdout());
    }

    @ParameterizedTest
    @FieldSource("BAD_USAGE")
    void badUsageReadsAsWithTheWholeTree(List<String> args) {
        CliRun run = vigil(args.toArray(String[]::new));

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(full(args.toArray(String[]::new)).toString(), run.toString());
    }

    @Test
    void validateBuildsNoTlsContext() throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                { "probes": [ { "name": "api", "url": "https://api.example.com/" } ] }
                """);
        AtomicInteger built = new AtomicInteger();
        CliContext context = new CliContext(Clock.systemUTC(), Resolver.SYSTEM, new ConfigLoader(name -> null),
                "Vigil/test", name -> null, () -> {
                    built.incrementAndGet();
                    return CliRun.jdkTls();
                });
        String[] args = {"validate", config.toString()};
        CliRun run = CliRun.of(Main.commandLine(context, args), args);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0, built.get());
    }

    @Test
    void trainCacheProbesItsLoopbackTargetQuietly() {
        CliRun run = vigil("train-cache");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void trainCacheIsHidden() {
        assertFalse(vigil("--help").stdout().contains("train-cache"));
    }

    /** {@code vigil args...} with every subcommand built, as before issue 17. */
    private static CliRun full(String... args) {
        CliContext context = new CliContext(Clock.systemUTC(), Resolver.SYSTEM, new ConfigLoader(name -> null),
                "Vigil/test", name -> null, CliRun::jdkTls);
        return CliRun.of(Main.commandLine(context, Main.SUBCOMMANDS), args);
    }
}
