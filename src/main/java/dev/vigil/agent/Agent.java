package dev.vigil.agent;

import dev.vigil.cert.CertStatus;
import dev.vigil.cert.CtLookup;
import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.ProbeConfig;
import dev.vigil.config.VigilConfig;
import dev.vigil.output.Outputs;
import dev.vigil.output.prometheus.ProbeMetrics;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import dev.vigil.output.pushgateway.Pusher;
import dev.vigil.probe.HardDeadline;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Prober;
import dev.vigil.state.StateException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The long-running agent: loads the config, runs every probe on its schedule, serves its metrics and health, and
 * reloads the config when the file changes or on request. Composition root of everything a running agent holds.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");
    private static final String USER_AGENT = "Vigil";
    /** How often a route that gave up after its retries tries its pending message again. */
    private static final Duration STALLED_RETRY = Duration.ofMinutes(10);

    private final AgentSettings settings;
    private final Clock clock;
    private final ConfigLoader loader;
    private final PrometheusMeterRegistry registry;
    private final ProbeMetrics probeMetrics;
    private final AgentMetrics metrics;
    private final Schedule schedule = new Schedule();
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final ProbeRunner runner;
    private final SchedulerLoop loop;
    private final ConfigWatcher watcher;
    private final ScheduledExecutorService watching;
    private final AgentServer server;
    private final Certificates certificates;
    private final Alerting alerting;
    /** The outputs the agent started with: they take effect at start only. */
    private final Outputs outputs;
    /** Pushes the page to a Pushgateway; null when the config names none. */
    private final Pusher pusher;
    private final Thread loopThread;
    /** Results are recorded under the read lock, config changes applied under the write lock. */
    private final ReadWriteLock resultsLock = new ReentrantReadWriteLock();
    private volatile boolean ready;
    private volatile boolean stopping;

    private Agent(AgentSettings settings, Clock clock, ConfigLoader loader, Prober prober, VigilConfig config,
            PrometheusMeterRegistry registry, Certificates certificates) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.loader = loader;
        this.certificates = certificates;
        this.outputs = config.outputs();
        alerting = new Alerting(outputs, certificates.loaded(), clock, USER_AGENT);
        certificates.attach(alerting, alerting::onEvent);
        this.registry = registry;
        probeMetrics = new ProbeMetrics(clock);
        metrics = new AgentMetrics(registry, clock);
        watcher = new ConfigWatcher(settings.configFile());
        apply(config);
        runner = new ProbeRunner(new HardDeadline(prober, clock), runs, settings.concurrency(), clock, metrics, this::completed);
        loop = new SchedulerLoop(schedule, runner, clock);
        MetricsPage page = new MetricsPage(registry, probeMetrics);
        server = new AgentServer(settings.listen(), page, () -> ready, this::reload);
        PushgatewaySettings push = config.outputs().pushgateway();
        pusher = push == null ? null : new Pusher(push, page, registry, clock).start();
        loopThread = Thread.ofPlatform().name("vigil-scheduler").daemon().start(loop);
        watching = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("vigil-config-watch").daemon()
                .factory());
        long every = settings.configCheckInterval().toMillis();
        watching.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        long save = Certificates.KEY_SAVE_DELAY.toMillis();
        watching.scheduleWithFixedDelay(certificates::saveIfDue, save, save, TimeUnit.MILLISECONDS);
        long retry = STALLED_RETRY.toMillis();
        watching.scheduleWithFixedDelay(alerting::retryStalled, retry, retry, TimeUnit.MILLISECONDS);
        ready = true;
        LOG.log(Level.INFO, "vigil agent started: " + schedule.size() + " probes from " + settings.configFile()
                + ", listening on http://" + hostAndPort(server.address()) + "/metrics, at most "
                + settings.concurrency() + " probes in flight");
    }

    /**
     * Loads the config and the certificate state, and starts probing and serving.
     *
     * @throws ConfigException when the config is not valid; nothing is started then
     * @throws StateException  when the state directory is held by another agent or its file cannot be used
     * @throws IOException     when the listen address cannot be bound
     */
    public static Agent start(AgentSettings settings, Clock clock, ConfigLoader loader, Prober prober, CtLookup ct)
            throws ConfigException, StateException, IOException {
        VigilConfig config = loader.load(settings.configFile());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Certificates certificates = Certificates.open(settings.stateDir(), clock, registry, ct);
        try {
            return new Agent(settings, clock, loader, prober, config, registry, certificates);
        } catch (IOException | RuntimeException e) {
            certificates.close();
            throw e;
        }
    }

    /** Where the endpoints listen. */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * Loads the config file again. A valid file takes effect at once: added, changed and removed probes follow it,
     * unchanged probes keep their schedule and history. An invalid file changes nothing but the reload metric.
     */
    public synchronized ReloadOutcome reload() {
        // Whatever triggered this reload, the content it reads is now the content seen: no second reload for it.
        watcher.changed();
        VigilConfig config;
        try {
            config = loader.load(settings.configFile());
        } catch (ConfigException e) {
            metrics.configRejected();
            List<String> errors = e.errors().stream().map(ConfigError::describe).toList();
            String summary = "config reload failed, keeping the running config: " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + " in " + settings.configFile();
            LOG.log(Level.WARNING, summary);
            errors.forEach(error -> LOG.log(Level.WARNING, "config error: " + error));
            return new ReloadOutcome(false, summary, errors);
        }
        Reconciliation change = apply(config);
        loop.poke();
        if (!config.outputs().equals(outputs)) {
            LOG.log(Level.WARNING, "outputs changed in " + settings.configFile() + "; restart Vigil to apply them");
        }
        String summary = "config reloaded from " + settings.configFile() + ": " + change.summary();
        LOG.log(Level.INFO, summary);
        return new ReloadOutcome(true, summary, List.of());
    }

    private synchronized void reloadIfChanged() {
        if (watcher.changed()) {
            reload();
        }
    }

    private Reconciliation apply(VigilConfig config) {
        Reconciliation change;
        resultsLock.writeLock().lock();
        try {
            change = schedule.apply(config.probes(), clock.instant());
            change.changed().forEach(probeMetrics::remove);
            change.removed().forEach(probeMetrics::remove);
            change.removed().forEach(certificates::forget);
            change.removed().forEach(alerting::forget);
            alerting.configured(config.probes());
        } finally {
            resultsLock.writeLock().unlock();
        }
        metrics.configLoaded(schedule.size());
        return change;
    }

    private void completed(ScheduledProbe probe, ProbeResult result) {
        // A run that outlived a reload of its probe, or that a stop cancelled, must not bring back what was dropped;
        // the read lock keeps a reload from dropping it between the check and the record.
        resultsLock.readLock().lock();
        try {
            if (stopping || !schedule.isCurrent(probe)) {
                return;
            }
            CertStatus cert = certificates.record(probe.config, result);
            probeMetrics.record(probe.config, result, cert);
            alerting.onResult(probe.config, result, cert);
        } finally {
            resultsLock.readLock().unlock();
        }
        ProbeConfig config = probe.config;
        ProbeHealth next = probe.health().after(result);
        ProbeHealth before = probe.health(next);
        ProbeHealth.change(config.name(), config.spec().url().toString(), before, next, result)
                .ifPresent(line -> LOG.log(next.up() ? Level.INFO : Level.WARNING, line));
    }

    /** Stops scheduling, gives runs in flight the stop grace to finish, cancels the rest, and stops serving. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        ready = false;
        watching.shutdownNow();
        loop.stop();
        runner.stop();
        runs.shutdown();
        try {
            loopThread.join(1_000);
            if (!runs.awaitTermination(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                runs.shutdownNow();
                LOG.log(Level.INFO, "cancelled the probe runs still in flight at shutdown");
            }
        } catch (InterruptedException e) {
            runs.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server.close();
        if (pusher != null) {
            pusher.close();
        }
        alerting.close();
        certificates.close();
        registry.close();
        LOG.log(Level.INFO, "vigil agent stopped");
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
