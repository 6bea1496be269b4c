package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;

/**
 * One in-process run of the {@code vigil} command line, as {@link Main} wires it but with a fake environment and
 * captured output.
 *
 * @param exitCode what {@code vigil} would exit with
 * @param stdout   everything printed on standard output
 * @param stderr   everything printed on standard error
 */
record CliRun(int exitCode, String stdout, String stderr) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs {@code vigil args...} with an empty environment. */
    static CliRun vigil(String... args) {
        return vigil(Map.of(), args);
    }

    /** Runs {@code vigil args...}; {@code environment} answers {@code ${NAME}} references in config files. */
    static CliRun vigil(Map<String, String> environment, String... args) {
        return vigil(Resolver.SYSTEM, environment, args);
    }

    /**
     * Runs {@code vigil args...} with {@code resolver} answering the probe's own look-ups (those for {@code -4},
     * {@code -6}); unpinned hops still resolve through the system.
     */
    static CliRun vigil(Resolver resolver, Map<String, String> environment, String... args) {
        return vigil(resolver, jdkTls(), environment, args);
    }

    /** Runs {@code vigil args...} with webhook requests trusting {@code tls}, e.g. a {@code TestPki}'s client context. */
    static CliRun vigil(SSLContext tls, Map<String, String> environment, String... args) {
        return vigil(Resolver.SYSTEM, tls, environment, args);
    }

    private static CliRun vigil(Resolver resolver, SSLContext tls, Map<String, String> environment, String... args) {
        CliContext context = new CliContext(Clock.systemUTC(), resolver, new ConfigLoader(environment::get),
                "Vigil/test", environment::get, () -> tls);
        return of(Main.commandLine(context, args), args);
    }

    /** Runs {@code args} through {@code cli}, its output captured. */
    static CliRun of(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The JDK's default TLS context, as {@link Main} wires it. */
    static SSLContext jdkTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard output parsed as JSON (for {@code --output json}). */
    JsonNode json() {
        try {
            return MAPPER.readTree(stdout);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("stdout is not JSON:\n" + this, e);
        }
    }

    /** For assertion messages: the exit code and both streams. */
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
