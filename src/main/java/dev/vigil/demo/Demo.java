package dev.vigil.demo;

import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentSettings;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.Outputs;
import dev.vigil.config.VigilConfig;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.kinds.Probers;
import dev.vigil.state.StateException;
import dev.vigil.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * {@code vigil demo}: the incident Vigil was built for, replayed on loopback with nothing but the JDK. A throw-away CA
 * named like Let's Encrypt's, an HTTPS ingress, a DNS server and the real agent, all in this process, with a config
 * written to a temporary directory; the agent's messages are printed as a Slack route receives them.
 *
 * @param listen where the agent serves its metrics while the demo runs; port 0 picks a free one
 * @param fast   probe every {@value #FAST_INTERVAL_MS} ms and pause briefly, for tests; otherwise about two minutes
 * @param hold   called with the agent's status page once the incident is at its worst (the stale record, the default
 *               certificate, the exhausted limit), before the recovery: the demo goes on when it returns; null to go
 *               straight on
 */
public record Demo(InetSocketAddress listen, boolean fast, Hold hold) {
    /** Holds the demo at the incident, for a look at the status page. */
    @FunctionalInterface
    public interface Hold {
        /** Returns when the demo may go on to the recovery. */
        void at(URI statusPage) throws InterruptedException;
    }

    static final String PROBE = "api";
    static final String HOST = "api.demo.test";
    static final String OTHER = "www.demo.test";
    static final String LB = "lb.demo.test";
    /** An hour, as the incident's A record had. */
    static final long TTL_SECONDS = 3600;
    static final long LB_TTL_SECONDS = 60;
    private static final long FAST_INTERVAL_MS = 500;
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofSeconds(20);
    /**
     * Even fast, a stage lingers for a run and the route's one message per second, so a message about a stage is
     * printed under its heading rather than the next one's.
     */
    private static final Duration FAST_PAUSE = Duration.ofMillis(1500);
    private static final Duration FAST_WITHIN = Duration.ofSeconds(30);
    private static final Duration WITHIN = Duration.ofSeconds(90);
    /** Time between two simulated restarts of the ingress. */
    private static final Duration RESTART_EVERY = Duration.ofMinutes(30);
    /** Let's Encrypt's duplicate-certificate limit: so many certificates, then the CA refuses. */
    private static final int LIMIT = 5;
    private static final int STOP_GRACE_SECONDS = 1;

    public Demo {
        Objects.requireNonNull(listen, "listen");
    }

    /** A demo that goes straight on to the recovery. */
    public Demo(InetSocketAddress listen, boolean fast) {
        this(listen, fast, null);
    }

    /**
     * Plays the demo, printing on {@code out}. Its temporary directory is deleted at the end, or when the JVM is asked
     * to stop (Ctrl-C) before then.
     *
     * @return true if every stage showed what it should
     * @throws DemoException when the demo cannot be set up (a port, the temporary directory)
     */
    public boolean run(PrintWriter out, Clock clock) throws DemoException, InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("vigil-demo-");
        } catch (IOException e) {
            throw new DemoException("cannot make a temporary directory: " + e.getMessage(), e);
        }
        Thread cleanup = new Thread(() -> delete(dir), "vigil-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return play(out, clock, dir);
        } catch (StateException e) {
            throw new DemoException("cannot keep the demo's state: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DemoException("cannot set up the demo: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new DemoException("cannot make the demo's certificates with this JDK: " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new DemoException("the demo's own config is invalid (a bug): " + e.getMessage(), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
                delete(dir);
            } catch (IllegalStateException e) {
                // The JVM is stopping: the hook deletes the directory.
            }
        }
    }

    private boolean play(PrintWriter out, Clock clock, Path dir)
            throws IOException, GeneralSecurityException, ConfigException, InterruptedException {
        Instant started = clock.instant();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        DemoCa ca = DemoCa.create(started);
        // The certificates of the five starts, half an hour apart, the last one 30 minutes ago.
        Instant first = started.minus(RESTART_EVERY.multipliedBy(LIMIT));
        List<Credential> issued = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            issued.add(ca.issue(List.of(HOST, OTHER), first.plus(RESTART_EVERY.multipliedBy(i))));
        }
        Credential fallback = DemoCa.selfSigned("TRAEFIK DEFAULT CERT",
                List.of("6f3b2c1d9e8a7f60.5a4b3c2d1e0f9a8b.traefik.default"), started);
        try (Ingress ingress = Ingress.start(loopback, issued.getFirst());
                DemoDns dns = DemoDns.start(loopback);
                Probers probers = Probers.open(clock, Resolver.SYSTEM, "Vigil/demo", name -> null, true);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            dns.answer(HOST, loopback, TTL_SECONDS);
            dns.answer(OTHER, loopback, TTL_SECONDS);
            dns.answer(LB, loopback, LB_TTL_SECONDS);
            Path config = writeConfig(dir, ca.root(), ingress.port(), dns.resolver());
            DemoRoute route = new DemoRoute();
            ConfigLoader loader = new ConfigLoader(name -> null);
            Agent agent = Agent.start(new AgentSettings(config, listen, 4, Duration.ofSeconds(1),
                    Duration.ofSeconds(STOP_GRACE_SECONDS), dir.resolve("state"), false), clock,
                    file -> withRoute(loader.load(file), route), probers, (settings, names) -> List.of());
            try {
                URI metrics = URI.create("http://" + hostAndPort(agent.address()) + "/metrics");
                intro(out, metrics, ingress.port(), dir);
                Stages.Scene scene = new Stages.Scene(ingress, dns, issued, fallback, loopback,
                        List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("::1")));
                boolean shown = new Stages(out, route, http, metrics, scene, pace(), hold).play();
                out.println();
                out.println(shown ? "Done in " + Durations.human(Duration.between(started, clock.instant())
                        .toSeconds()) + ". Run 'vigil --help' to probe your own endpoints."
                        : "The demo did not show everything it should (see NOT SEEN above).");
                out.flush();
                return shown;
            } finally {
                agent.close();
            }
        }
    }

    private Stages.Pace pace() {
        return fast ? new Stages.Pace(FAST_PAUSE, FAST_WITHIN) : new Stages.Pace(PAUSE, WITHIN);
    }

    private static void intro(PrintWriter out, URI metrics, int port, Path dir) {
        out.println("Vigil demo: the incident Vigil was built for, replayed on this machine's loopback interface.");
        out.println("Everything runs in this process: a throw-away CA named like Let's Encrypt's, an HTTPS ingress"
                + " for " + HOST + " and " + OTHER + ", a DNS server, and the Vigil agent probing https://" + HOST
                + ":" + port + "/ with its state in " + dir + ".");
        out.println("What Vigil alerts is printed as a Slack route receives it.");
        out.println("While it runs, the agent's metrics are at " + metrics);
        out.flush();
    }

    /**
     * The config, as a user would write it, without routes: the demo adds its own in {@link #withRoute}. An alert
     * fires on the second failing run, because the first run in a fresh JVM can outlast a 500 ms timeout.
     */
    private Path writeConfig(Path dir, X509Certificate root, int port, String resolver)
            throws IOException, GeneralSecurityException {
        Path ca = Files.writeString(dir.resolve("demo-ca.pem"), pem(root), StandardCharsets.US_ASCII);
        String interval = fast ? FAST_INTERVAL_MS + "ms" : Durations.format(INTERVAL);
        return Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "%s", "url": "https://%s:%d/", "interval": "%s", "timeout": "%s",
                  "tls": {"caFile": "%s"},
                  "dns": {"resolvers": ["%s"], "authoritative": false, "expect": {"hostname": "%s"}}}],
                 "outputs": {"alerts": {"failureThreshold": 2, "successThreshold": 1, "repeatInterval": "never"}}}
                """.formatted(PROBE, HOST, port, interval, interval, ca.toString().replace("\\", "\\\\"), resolver,
                LB));
    }

    private static VigilConfig withRoute(VigilConfig config, DemoRoute route) {
        Outputs outputs = config.outputs();
        return new VigilConfig(config.source(), config.probes(),
                new Outputs(outputs.pushgateway(), List.of(route), outputs.alerts()));
    }

    static String pem(X509Certificate cert) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger("dev.vigil.demo").log(System.Logger.Level.WARNING,
                    "cannot delete the demo's directory " + dir + ": " + e.getMessage());
        }
    }
}
