package dev.vigil.cli;

import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentSettings;
import dev.vigil.agent.ConfigSource;
import dev.vigil.cert.ct.CrtShClient;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.fleet.Replicas;
import dev.vigil.net.IpLiterals;
import dev.vigil.probe.kinds.Probers;
import dev.vigil.state.StateDirectory;
import dev.vigil.state.StateException;
import dev.vigil.time.Durations;
import dev.vigil.web.Site;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil run}: the long-running agent, until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run every probe of a config file on its schedule until stopped by SIGTERM or SIGINT.",
        "Serves /metrics (Prometheus), /-/healthy and /-/ready, and POST /-/reload when started with"
                + " --web.enable-lifecycle. The config is reloaded when the file changes and on SIGHUP; an invalid file"
                + " keeps the running config."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"--config", "--config.file"}, required = true, paramLabel = "FILE", description = "The config file, e.g. probes.json.")
    Path config;

    @Option(names = {"--listen", "--web.listen-address"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:19115",
            description = "Address of the metrics and health endpoints (default ${DEFAULT-VALUE}; ':19115' for every interface).")
    String listen;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + AgentSettings.DEFAULT_CONCURRENCY,
            description = "Most probe runs in flight at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--config-check-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often the config file is checked for changes (default ${DEFAULT-VALUE}).")
    String configCheckInterval;

    @Option(names = "--web.enable-lifecycle",
            description = "Serve POST /-/reload, as Prometheus' flag of that name does; off by default, because anyone "
                    + "who reaches --listen could use it.")
    boolean enableLifecycle;

    @Option(names = "--web.route-prefix", paramLabel = "PATH", defaultValue = "/",
            description = "Serve every endpoint under PATH, e.g. /vigil: /vigil/metrics, /vigil/ (the status page), as"
                    + " Prometheus' flag of that name does (default ${DEFAULT-VALUE}).")
    String routePrefix;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the certificate history is kept (default: $STATE_DIRECTORY, else ./vigil-state).")
    String stateDir;

    @Mixin
    AgentOptions agentOptions;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentSettings settings = new AgentSettings(config, listenAddress(), concurrencyLimit(), checkInterval(),
                AgentSettings.DEFAULT_STOP_GRACE, StateDirectory.resolve(stateDir, context.environment(), Path.of("")),
                enableLifecycle, route());
        ConfigLoader loader = context.configLoader().asAgent(agentOptions.overrides(spec));
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Probers probers = Probers.open(context.clock(), context.resolver(), context.userAgent(),
                     context.environment(), true);
             CrtShClient crtSh = new CrtShClient(context.userAgent())) {
            Hangup hangup = Hangup.install();
            Agent agent = Agent.start(settings, context.clock(), warningAtStart(loader), probers, crtSh);
            // The agent runs until the JVM is asked to stop; only a shutdown hook gets to close it then. Its close is
            // bounded (a hung reload or disk is left behind), so the hook ends and the JVM exits within the 5 s.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    agent.close();
                } finally {
                    stopped.countDown();
                }
            }, "vigil-shutdown"));
            hangup.attach(agent);
            stopped.await();
            return NagiosStatus.OK.exitCode();
        } catch (ConfigException e) {
            ConfigErrors.print(err, config, e, "not starting");
            return NagiosStatus.UNKNOWN.exitCode();
        } catch (StateException e) {
            err.println(e.getMessage() + "; not starting");
            err.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        } catch (IOException e) {
            err.println("cannot listen on " + listen + " (--listen): " + e.getMessage());
            err.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        }
    }

    /**
     * {@code loader}'s loads, the first of which (the start's) logs who an agent of a fleet is, and the warning of an
     * agent whose replicas would each deliver every alert straight to people.
     */
    private static ConfigSource warningAtStart(ConfigLoader loader) {
        AtomicBoolean started = new AtomicBoolean();
        return file -> {
            VigilConfig config = loader.load(file);
            if (!started.getAndSet(true)) {
                if (config.agent().inFleet()) {
                    LOG.log(Level.INFO, config.agent().describe() + ": " + config.ownProbes().size() + " of the "
                            + config.probes().size() + " configured probes, and its share of any discovered");
                }
                Replicas.duplicateAlertsWarning(config.agent(), config.outputs().directRoutes())
                        .ifPresent(warning -> LOG.log(Level.WARNING, warning));
            }
            return config;
        };
    }

    private InetSocketAddress listenAddress() {
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "" : listen.substring(0, colon);
        String port = colon < 0 ? "" : listen.substring(colon + 1);
        try {
            int number = Integer.parseInt(port);
            if (number < 0 || number > 65_535) {
                throw new NumberFormatException();
            }
            if (host.isEmpty()) {
                return new InetSocketAddress(number);
            }
            InetSocketAddress address = IpLiterals.isLiteral(host)
                    ? new InetSocketAddress(IpLiterals.parse(host), number) : new InetSocketAddress(host, number);
            if (address.isUnresolved()) {
                throw usage("--listen: cannot resolve host '" + host + "'");
            }
            return address;
        } catch (NumberFormatException e) {
            throw usage("--listen: '" + listen + "' is not HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:19115");
        }
    }

    private String route() {
        return Site.pathPrefix(routePrefix).orElseThrow(() -> usage("--web.route-prefix: '" + routePrefix
                + "' is not a path starting with / of path characters only (no quote, <, space, ? or #), e.g. /vigil"));
    }

    private int concurrencyLimit() {
        if (concurrency < 1) {
            throw usage("--concurrency: must be at least 1, got " + concurrency);
        }
        return concurrency;
    }

    private Duration checkInterval() {
        try {
            return Durations.parse(configCheckInterval);
        } catch (IllegalArgumentException e) {
            throw usage("--config-check-interval: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
