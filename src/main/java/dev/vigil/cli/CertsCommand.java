package dev.vigil.cli;

import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.CertTracker;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ProbeConfig;
import dev.vigil.state.VigilState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil certs}: what the state directory remembers about each endpoint's certificates. */
@Command(name = "certs", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Show each endpoint's certificate, its changes and the CA rate limits its names have used.",
        "For each limit, the time the next certificate becomes available. Reads the state directory without locking"
                + " it, so it works while the agent runs."})
final class CertsCommand implements Callable<Integer> {
    enum Output { text, json }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    StateDirOption stateDir;

    @Option(names = "--probe", paramLabel = "NAME", description = "Only endpoints this probe reaches (repeatable).")
    List<String> probes = new ArrayList<>();

    @Option(names = {"--config", "--config.file"}, paramLabel = "FILE",
            description = "Judge the rate limits with each probe's cert settings from this config (default: Let's Encrypt's limits).")
    Path config;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json.")
    Output output;

    CertsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dir = stateDir.resolve(context);
        VigilState state = StateDirOption.read(dir, spec);
        Map<String, CertSettings> settings = settingsByProbe();
        CertTracker tracker = new CertTracker(state.endpoints(), context.clock(), event -> { },
                (ct, names) -> List.of(), Runnable::run);
        List<CertsReport.Entry> entries = new ArrayList<>();
        for (EndpointHistory history : state.endpoints().values()) {
            if (probes.isEmpty() || history.probes().stream().anyMatch(probes::contains)) {
                CertSettings cert = history.probes().stream().map(settings::get).filter(s -> s != null).findFirst()
                        .orElse(CertSettings.DEFAULT);
                CertStatus status = tracker.status(history.endpoint(), cert);
                entries.add(new CertsReport.Entry(history, status));
            }
        }
        if (!probes.isEmpty() && entries.isEmpty()) {
            throw usage("--probe " + String.join(", ", probes) + " matches no endpoint in " + dir + "; probes there: "
                    + state.endpoints().values().stream().flatMap(h -> h.probes().stream()).distinct().sorted()
                            .collect(Collectors.joining(", ")));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == Output.json ? CertsReport.json(entries, context.clock()).toPrettyString() + "\n"
                : CertsReport.text(entries, context.clock()));
        out.flush();
        return NagiosStatus.OK.exitCode();
    }

    private Map<String, CertSettings> settingsByProbe() {
        if (config == null) {
            return Map.of();
        }
        try {
            return context.configLoader().load(config).probes().stream()
                    .collect(Collectors.toMap(ProbeConfig::name, ProbeConfig::cert));
        } catch (ConfigException e) {
            throw usage("--config: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
