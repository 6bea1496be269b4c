package dev.vigil.probe.kinds;

import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.hostchecks.HostChecks;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.probe.tcp.TlsProbe;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * The probers Vigil runs, looked up by kind (blackbox_exporter's {@code Probers} map), with the host checks around
 * them: built here once for {@code vigil run}, {@code vigil probe} and the agent. Adding a probe kind adds its line to
 * {@link #open}. Closing it closes what the probers hold (HTTP clients, the Kubernetes client).
 */
public final class Probers implements Prober, AutoCloseable {
    private final Map<Class<? extends ProbeSpec>, Prober> byKind;
    private final Prober checked;
    private final AutoCloseable[] resources;

    private Probers(Map<Class<? extends ProbeSpec>, Prober> byKind, Function<Prober, Prober> checks,
            AutoCloseable... resources) {
        this.byKind = Map.copyOf(byKind);
        this.checked = checks.apply(this::runKind);
        this.resources = resources;
    }

    /**
     * Every kind's prober, with DNS and load-balancer checks and failure hints for any kind.
     *
     * @param resolver        how the probers resolve host names
     * @param userAgent       the HTTP kind's User-Agent
     * @param environment     looks up the Kubernetes service environment, for load balancers named by a Service
     * @param certHistoryKept a certificate history is kept for these runs (always by the agent, by {@code vigil probe}
     *                        only with {@code --state-dir}), so a failure's hint may point at {@code vigil certs}
     */
    public static Probers open(Clock clock, Resolver resolver, String userAgent, Function<String, String> environment,
            boolean certHistoryKept) {
        HttpProbe http = new HttpProbe(clock, resolver, userAgent);
        KubernetesServiceReader kubernetes = new KubernetesServiceReader(environment,
                KubernetesServiceReader.SERVICE_ACCOUNT_DIR);
        return new Probers(Map.of(
                HttpSpec.class, http,
                TlsSpec.class, new TlsProbe(clock, resolver)),
                inner -> HostChecks.standard(inner, kubernetes, clock, certHistoryKept), http, kubernetes);
    }

    /** Runs {@code spec} with its kind's prober and the host checks; never throws for a target's failure. */
    @Override
    public ProbeResult run(ProbeSpec spec) {
        return checked.run(spec);
    }

    private ProbeResult runKind(ProbeSpec spec) {
        Prober prober = byKind.get(spec.getClass());
        if (prober == null) {
            throw new IllegalStateException("no prober registered for the " + spec.kind() + " kind");
        }
        return prober.run(spec);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + resource + ": " + e.getMessage(), e);
            }
        }
    }
}
