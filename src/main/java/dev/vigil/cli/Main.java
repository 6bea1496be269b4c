package dev.vigil.cli;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Entry point and composition root of the command line: parses, wires, delegates. A one-shot command's start-up is
 * most of its run, so nothing is built before a command needs it: the TLS context (and with it the JDK's trust store)
 * only for a command that sends, and of the subcommands only the one the arguments name (issue 17).
 */
public final class Main {
    /** Every subcommand, in the order the usage message lists them (all but the hidden train-cache). */
    static final List<String> SUBCOMMANDS = List.of("probe", "run", "certs", "why", "validate", "discover",
            "notify-test", "demo", "help", "generate-completion", "train-cache");

    private Main() {
    }

    public static void main(String[] args) {
        // Picocli's model costs a JVM's start-up several times over (its classes, built for Java 5, stay out of the
        // class cache) and the two commands run most often from scripts need none of it: the version, and
        // `validate FILE`, which parse as nothing else could.
        if (versionOnly(args)) {
            printVersion(writer(System.out, "sun.stdout.encoding"));
            System.exit(0);
        }
        CliContext context = new CliContext(Clock.systemUTC(), Resolver.SYSTEM, new ConfigLoader(System::getenv),
                "Vigil/" + version(), System::getenv, Main::defaultTls);
        Path validated = validateOnly(args);
        if (validated != null) {
            PrintWriter err = writer(System.err, "sun.stderr.encoding");
            try {
                System.exit(new ValidateCommand(context).validate(validated, writer(System.out, "sun.stdout.encoding"),
                        err));
            } catch (RuntimeException e) {
                err.println("UNKNOWN - " + internalError(e));
                System.exit(NagiosStatus.UNKNOWN.exitCode());
            }
        }
        System.exit(commandLine(context, args).execute(args));
    }

    /**
     * A writer on {@code stream} that encodes as picocli's own: in the charset {@code property} names when set (as
     * picocli reads it), else the default one, UTF-8; so that a file name reads the same with or without picocli.
     */
    private static PrintWriter writer(OutputStream stream, String property) {
        String name = System.getProperty(property);
        Charset charset;
        try {
            charset = name == null ? Charset.defaultCharset()
                    : Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** The JDK's default TLS context: its trust store, {@code javax.net.ssl.*} properties honoured. */
    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }

    /**
     * The command tree {@code args} need, which parses and runs them as the full tree would; tests build it with their
     * own context and output streams. Picocli reads every option of a subcommand by reflection as it is added, which
     * costs a one-shot run more than the run itself, so: the subcommand {@code args} start with alone; none for a
     * lone {@code --version}; all for anything else (usage, {@code help}, completion, a misspelt command's "did you
     * mean").
     */
    static CommandLine commandLine(CliContext context, String... args) {
        return commandLine(context, needed(args));
    }

    /** Whether {@code args} only ask for the version: {@code vigil --version} or {@code vigil -V}. */
    static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
    }

    /**
     * The file of {@code vigil validate FILE}, null for any other arguments: an option, an {@code @file} picocli would
     * expand, or a name no path can have are left to picocli, and its messages.
     */
    static Path validateOnly(String... args) {
        if (args.length != 2 || !args[0].equals("validate") || args[1].isEmpty() || args[1].startsWith("-")
                || args[1].startsWith("@")) {
            return null;
        }
        try {
            return Path.of(args[1]);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** What {@code vigil --version} prints, as picocli prints {@link VigilCommand.Version}'s lines. */
    static void printVersion(PrintWriter out) {
        for (String line : new VigilCommand.Version().getVersion()) {
            out.println(line);
        }
        out.flush();
    }

    /** The subcommands {@code vigil args...} need; see {@link #commandLine(CliContext, String...)}. */
    static List<String> needed(String... args) {
        if (versionOnly(args)) {
            return List.of();
        }
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.contains(first) && !first.equals("help") && !first.equals("generate-completion")) {
            return List.of(first);
        }
        return SUBCOMMANDS;
    }

    /** The command tree with only {@code subcommands} (names of {@link #SUBCOMMANDS}). */
    static CommandLine commandLine(CliContext context, List<String> subcommands) {
        CommandLine cli = new CommandLine(new VigilCommand());
        for (String name : subcommands) {
            cli.addSubcommand(name, subcommand(name, context));
        }
        cli.setParameterExceptionHandler(Main::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            unknown(commandLine, internalError(e));
            return NagiosStatus.UNKNOWN.exitCode();
        });
        return cli;
    }

    /** A switch, not a map of constructor references: each of those would cost a class spun at start-up. */
    private static Object subcommand(String name, CliContext context) {
        return switch (name) {
            case "probe" -> new ProbeCommand(context);
            case "run" -> new RunCommand(context);
            case "certs" -> new CertsCommand(context);
            case "why" -> new WhyCommand(context);
            case "validate" -> new ValidateCommand(context);
            case "discover" -> new DiscoverCommand(context);
            case "notify-test" -> new NotifyTestCommand(context);
            case "demo" -> new DemoCommand(context);
            case "help" -> new CommandLine.HelpCommand();
            case "generate-completion" -> new AutoComplete.GenerateCompletion();
            case "train-cache" -> new TrainCacheCommand(context);
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    private static String internalError(Exception e) {
        return "internal error: " + e;
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
