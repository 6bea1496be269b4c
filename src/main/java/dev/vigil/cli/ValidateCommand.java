package dev.vigil.cli;

import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil validate}: checks a config file and lists every error with its location. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {"Check a config file without probing anything.",
        "Exit 0 when it is valid, 2 with every error listed (file:line:column, JSON path, what is wrong) otherwise."})
final class ValidateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The config file, e.g. probes.json.")
    Path file;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return validate(file, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Checks {@code file}, its verdict on {@code out} or its errors on {@code err}; the exit code. */
    int validate(Path file, PrintWriter out, PrintWriter err) {
        try {
            VigilConfig config = context.configLoader().load(file);
            out.println(file + ": valid, " + config.probes().size() + " probe(s)");
            out.flush();
            return NagiosStatus.OK.exitCode();
        } catch (ConfigException e) {
            err.println(file + ": " + e.count() + " error(s)");
            for (ConfigError error : e.errors()) {
                err.println(error);
            }
            err.flush();
            return NagiosStatus.CRITICAL.exitCode();
        }
    }
}
