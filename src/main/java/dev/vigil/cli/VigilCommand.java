package dev.vigil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code vigil} command; it only names the subcommands. */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VigilCommand.Version.class,
        description = "Blackbox HTTP/TLS probes that say why an endpoint is down.",
        footer = {"", "Exit codes of 'vigil probe' follow Nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."})
final class VigilCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigil " + Main.version(), "Java " + Runtime.version()};
        }
    }
}
