package dev.vigil.agent;

import dev.vigil.alert.Condition;
import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.CtLookup;
import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import dev.vigil.config.Outputs;
import dev.vigil.config.ProbeConfig;
import dev.vigil.config.ProbeModule;
import dev.vigil.config.VigilConfig;
import dev.vigil.dns.ResolvConf;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.output.prometheus.ProbeMetrics;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import dev.vigil.output.pushgateway.Pusher;
import dev.vigil.probe.HardDeadline;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Prober;
import dev.vigil.state.StateException;
import dev.vigil.state.StateFile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The long-running agent: loads the config, runs every probe on its schedule, serves its metrics and health, and
 * reloads the config when the file changes or on request. Composition root of everything a running agent holds.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");
    private static final String USER_AGENT = "Vigil";
    /** How often a route that gave up after its retries tries its pending message again. */
    private static final Duration STALLED_RETRY = Duration.ofMinutes(10);
    /** How long a config load may take; config files are small, so only a file that never answers gets near it. */
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);
    /** Part of the stop's 5 s left after the runs' grace, for closing the endpoints, the outputs and the last save. */
    private static final Duration STOP_REST = Duration.ofMillis(500);
    /** Kept for the last save when the steps before it hang. */
    private static final Duration SAVE_RESERVE = Duration.ofMillis(300);

    private final AgentSettings settings;
    private final Clock clock;
    private final ConfigSource loader;
    private final PrometheusMeterRegistry registry;
    private final ProbeMetrics probeMetrics;
    private final AgentMetrics metrics;
    private final Schedule schedule = new Schedule();
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final ProbeRunner runner;
    private final SchedulerLoop loop;
    private final ConfigWatcher watcher;
    /** Config watching, state saving and alert retries, each on its own thread: one blocked cannot stop another. */
    private final List<Periodic> periodic;
    private final AgentServer server;
    /**
     * The one owner of the state file, which saves the pieces of {@link #certificates}, {@link #alerting} and
     * {@link #board}.
     */
    private final StateFile state;
    private final Certificates certificates;
    private final HistoryMetrics historyMetrics;
    private final Alerting alerting;
    /** What the status pages show: each probe's recent runs and last result. */
    private final StatusBoard board;
    /** Polls the peers of {@code agent.peers} for the probes they run, which the list shows too. */
    private final Peers peers;
    /** The outputs the agent started with: they take effect at start only. */
    private final Outputs outputs;
    /** Pushes the page to a Pushgateway; null when the config names none. */
    private final Pusher pusher;
    private final Thread loopThread;
    /** Results are recorded under the read lock, config changes applied under the write lock. */
    private final ReadWriteLock resultsLock = new ReentrantReadWriteLock();
    /**
     * One reload at a time. A lock rather than {@code synchronized}: requests wait for it on virtual threads, which a
     * monitor would pin to their carriers on JDK 21.
     */
    private final ReentrantLock reloading = new ReentrantLock();
    /** The probes the config's discovery section finds, scheduled after the configured ones. */
    private final DiscoveredProbes discovered;
    /** Asks DNS again for the hosts of a load balancer discovery sees move or go, and alerts while they lag. */
    private final BalancerWatch balancers;
    /** The config applied last, which discovered probes are applied with. */
    private volatile VigilConfig running;
    /** The running config's modules, which {@code /probe} runs. */
    private volatile Map<String, ProbeModule> modules = Map.of();
    private volatile boolean ready;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Agent(AgentSettings settings, Clock clock, ConfigSource loader, Prober prober, VigilConfig config,
            PrometheusMeterRegistry registry, StateFile state, CtLookup ct) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.loader = loader;
        this.state = state;
        this.outputs = config.outputs();
        alerting = new Alerting(outputs, state.loaded().alertBook(), clock, USER_AGENT);
        certificates = new Certificates(state.loaded().endpoints(), clock, this::certificateEvent, ct);
        state.register(certificates.part());
        state.register(alerting);
        historyMetrics = new HistoryMetrics(registry, state, certificates);
        board = new StatusBoard(clock, alerting::incidents, certificates::histories,
                state.loaded().recentRuns());
        state.register(board);
        peers = new Peers(clock, settings.peerInterval());
        board.peers(peers);
        this.registry = registry;
        probeMetrics = new ProbeMetrics(clock, config.agent());
        metrics = new AgentMetrics(registry, clock);
        watcher = new ConfigWatcher(settings.configFile());
        balancers = new BalancerWatch(alerting, new UdpDnsClient(), ResolvConf::system, clock, registry);
        discovered = new DiscoveredProbes(this::applyDiscovered, registry);
        Prober deadlined = new HardDeadline(prober, clock);
        runner = new ProbeRunner(deadlined, runs, settings.concurrency(), clock, metrics, this::completed);
        loop = new SchedulerLoop(schedule, runner, clock);
        MetricsPage page = new MetricsPage(registry, probeMetrics);
        ProbeEndpoint probe = ProbeEndpoint.standard(() -> modules, deadlined, certificates::record, clock);
        AgentServer bound = null;
        Pusher pushing = null;
        try {
            bound = new AgentServer(settings.listen(), page, () -> ready, settings.enableLifecycle() ? this::reload
                    : null, AgentServer.EXCHANGE_DEADLINE, probe, board, settings.routePrefix());
            PushgatewaySettings push = config.outputs().pushgateway();
            pushing = push == null ? null : new Pusher(push, page, registry, clock).start();
            // Discovery's watches start here, after all that can fail to start: a failure leaves none behind.
            apply(config);
            balancers.resume(Stream.of(Condition.LB_CHANGED, Condition.LB_GONE)
                    .flatMap(c -> alerting.firing(c).stream()).toList());
        } catch (IOException | RuntimeException | Error e) {
            peers.close();
            discovered.close();
            balancers.close();
            if (pushing != null) {
                pushing.close();
            }
            if (bound != null) {
                bound.close();
            }
            alerting.close();
            throw e;
        }
        server = bound;
        pusher = pushing;
        loopThread = Thread.ofPlatform().name("vigil-scheduler").daemon().start(loop);
        periodic = List.of(
                Periodic.every(settings.configCheckInterval(), "config-watch", this::reloadIfChanged),
                Periodic.every(StateFile.KEY_SAVE_DELAY, "state-save", state::saveIfDue),
                Periodic.every(STALLED_RETRY, "alert-retry", alerting::retryStalled));
        ready = true;
        LOG.log(Level.INFO, "vigil agent started: " + schedule.size() + " probes from " + settings.configFile()
                + ", listening on http://" + hostAndPort(server.address()) + settings.routePrefix() + "/metrics, at most "
                + settings.concurrency() + " probes in flight");
    }

    /**
     * Loads the config and the certificate state, and starts probing and serving.
     *
     * @throws ConfigException when the config is not valid; nothing is started then
     * @throws StateException  when the state directory is held by another agent or its file cannot be used
     * @throws IOException     when the listen address cannot be bound
     */
    public static Agent start(AgentSettings settings, Clock clock, ConfigSource source, Prober prober, CtLookup ct)
            throws ConfigException, StateException, IOException {
        ConfigSource loader = new BoundedLoad(source, LOAD_TIMEOUT);
        VigilConfig config = loader.load(settings.configFile());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StateFile state = StateFile.open(settings.stateDir(), clock);
        LOG.log(Level.INFO, "certificate state: " + state.loadSummary());
        try {
            return new Agent(settings, clock, loader, prober, config, registry, state, ct);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
    }

    /** Where the endpoints listen. */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * Loads the config file again. A valid file takes effect at once: added, changed and removed probes follow it,
     * unchanged probes keep their schedule and history. A file that is invalid, unreadable or not read in time, or a
     * load that fails in any other way, changes nothing but the reload metric, and is logged. Bounded in time: the
     * load runs on a thread of its own and is given up after {@link #LOAD_TIMEOUT}, so the lock is never held for good.
     */
    public ReloadOutcome reload() {
        reloading.lock();
        try {
            return reloadLocked();
        } finally {
            reloading.unlock();
        }
    }

    private ReloadOutcome reloadLocked() {
        // Whatever triggered this reload, the content it reads is now the content seen: no second reload for it.
        watcher.changed();
        VigilConfig config;
        try {
            config = loader.load(settings.configFile());
        } catch (ConfigException e) {
            return rejected(e.errors().stream().map(ConfigError::describe).toList(), e.count());
        }
        Reconciliation change;
        try {
            change = apply(config);
        } catch (RuntimeException | Error e) {
            return rejected(List.of(settings.configFile() + ": cannot apply the config: " + e), 1);
        }
        loop.poke();
        if (!config.outputs().equals(outputs)) {
            LOG.log(Level.WARNING, "outputs changed in " + settings.configFile() + "; restart Vigil to apply them");
        }
        String summary = "config reloaded from " + settings.configFile() + ": " + change.summary();
        LOG.log(Level.INFO, summary);
        return new ReloadOutcome(true, summary, List.of());
    }

    /** {@code count} is the number of errors found, which may exceed the lines of {@code errors} listed. */
    private ReloadOutcome rejected(List<String> errors, int count) {
        metrics.configRejected();
        String summary = "config reload failed, keeping the running config: ";
        if (count == 1 && errors.size() == 1) {
            LOG.log(Level.WARNING, summary + errors.getFirst());
            return new ReloadOutcome(false, summary + "1 error in " + settings.configFile(), errors);
        }
        summary += count + " error" + (count == 1 ? "" : "s") + " in " + settings.configFile();
        LOG.log(Level.WARNING, summary);
        errors.forEach(error -> LOG.log(Level.WARNING, "config error: " + error));
        return new ReloadOutcome(false, summary, errors);
    }

    private void reloadIfChanged() {
        reloading.lock();
        try {
            if (watcher.changed()) {
                reloadLocked();
            }
        } finally {
            reloading.unlock();
        }
    }

    private Reconciliation apply(VigilConfig config) {
        Reconciliation change;
        running = config;
        discovered.follow(config.discovery());
        List<ProbeConfig> probes = discovered.after(config);
        resultsLock.writeLock().lock();
        try {
            change = schedule.apply(probes, clock.instant());
            change.changed().forEach(probeMetrics::remove);
            change.removed().forEach(probeMetrics::remove);
            change.removed().forEach(historyMetrics::forget);
            change.removed().forEach(alerting::forget);
            alerting.configured(probes);
            balancers.scheduled(probes);
            board.configured(probes, config.agent());
        } finally {
            resultsLock.writeLock().unlock();
        }
        modules = config.modules();
        peers.follow(config.agent().peers());
        metrics.configLoaded(schedule.size(), config.agent());
        return change;
    }

    /** Applies the running config again, with the discovered probes as they are now. */
    private void applyDiscovered() {
        reloading.lock();
        try {
            Reconciliation change = apply(running);
            loop.poke();
            discovered.balancers().ifPresent(now -> balancers.looked(BalancerWatch.watched(running.discovery()), now));
            LOG.log(Level.INFO, "discovered probes applied: " + change.summary());
        } finally {
            reloading.unlock();
        }
    }

    /** A certificate event: counted, taken through the alerting, and logged. */
    private void certificateEvent(CertEvent event) {
        historyMetrics.count(event);
        alerting.onEvent(event);
        CertEventLog.log(event);
    }

    private void completed(ScheduledProbe probe, ProbeResult result) {
        // A run that outlived a reload of its probe, or that a stop cancelled, must not bring back what was dropped;
        // the read lock keeps a reload from dropping it between the check and the record.
        resultsLock.readLock().lock();
        try {
            if (stopping.get() || !schedule.isCurrent(probe)) {
                return;
            }
            CertStatus cert = certificates.record(probe.config, result);
            probeMetrics.record(probe.config.labelled(), result, cert);
            alerting.onResult(probe.config, result, cert);
            balancers.ran(probe.config, result);
            board.recorded(probe.config, result, cert);
        } finally {
            resultsLock.readLock().unlock();
        }
        ProbeConfig config = probe.config;
        ProbeHealth next = probe.health().after(result);
        ProbeHealth before = probe.health(next);
        ProbeHealth.change(config.name(), config.spec().url().toString(), before, next, result)
                .ifPresent(line -> LOG.log(next.up() ? Level.INFO : Level.WARNING, line));
    }

    /**
     * Stops scheduling, gives runs in flight the stop grace to finish, cancels the rest, stops serving and saves the
     * state. Over within the stop grace plus half a second whatever hangs: a hung reload, a disk or a webhook that
     * does not answer is logged and left behind, never waited for.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        StopSteps stop = new StopSteps(settings.stopGrace().plus(STOP_REST));
        ready = false;
        periodic.forEach(Periodic::close);
        peers.close();
        discovered.close();
        balancers.close();
        loop.stop();
        runner.stop();
        runs.shutdown();
        try {
            loopThread.join(stop.left(STOP_REST));
            if (!runs.awaitTermination(stop.left(STOP_REST).toMillis(), TimeUnit.MILLISECONDS)) {
                runs.shutdownNow();
                LOG.log(Level.INFO, "cancelled the probe runs still in flight at shutdown");
            }
        } catch (InterruptedException e) {
            runs.shutdownNow();
            Thread.currentThread().interrupt();
        }
        stop.run("the endpoints", SAVE_RESERVE, server::close);
        if (pusher != null) {
            stop.run("the last push to the Pushgateway", SAVE_RESERVE, pusher::close);
        }
        // The route queues end before the save, so that a delivery they finish leaves the outbox in the saved state.
        stop.run("the notification routes", SAVE_RESERVE, alerting::close);
        if (!stop.run("the last save of the state", Duration.ZERO, () -> {
            certificates.close();
            state.close();
        })) {
            LOG.log(Level.ERROR, "the state was not saved at shutdown; the last save of it stays");
        }
        registry.close();
        LOG.log(Level.INFO, "vigil agent stopped");
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
