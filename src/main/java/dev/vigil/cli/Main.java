package dev.vigil.cli;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.io.PrintWriter;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Entry point and composition root of the command line: parses, wires, delegates. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CliContext context = new CliContext(Clock.systemUTC(), Resolver.SYSTEM, new ConfigLoader(System::getenv),
                "Vigil/" + version(), System::getenv, defaultTls());
        System.exit(commandLine(context).execute(args));
    }

    /** The JDK's default TLS context: its trust store, {@code javax.net.ssl.*} properties honoured. */
    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }

    /** The full command tree; tests build it with their own context and output streams. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new VigilCommand());
        cli.addSubcommand("probe", new ProbeCommand(context));
        cli.addSubcommand("run", new RunCommand(context));
        cli.addSubcommand("certs", new CertsCommand(context));
        cli.addSubcommand("why", new WhyCommand(context));
        cli.addSubcommand("validate", new ValidateCommand(context));
        cli.addSubcommand("discover", new DiscoverCommand(context));
        cli.addSubcommand("notify-test", new NotifyTestCommand(context));
        cli.addSubcommand("demo", new DemoCommand(context));
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        cli.setParameterExceptionHandler(Main::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            unknown(commandLine, "internal error: " + e);
            return NagiosStatus.UNKNOWN.exitCode();
        });
        return cli;
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        unknown(e.getCommandLine(), e.getMessage());
        e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        return NagiosStatus.UNKNOWN.exitCode();
    }

    /**
     * {@code UNKNOWN - message} on stderr and, for {@code vigil probe} with text output, on stdout too: Nagios reads
     * only a plugin's stdout, and would otherwise show an empty status. JSON output keeps stdout for JSON.
     */
    private static void unknown(CommandLine commandLine, String message) {
        commandLine.getErr().println("UNKNOWN - " + message);
        if (commandLine.getCommand() instanceof ProbeCommand probe && probe.output != ProbeCommand.Output.json) {
            PrintWriter out = commandLine.getOut();
            out.println("UNKNOWN - " + message);
            out.flush();
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
