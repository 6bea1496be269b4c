package dev.vigil.agent;

import dev.vigil.cert.CertStatus;
import dev.vigil.config.AllowedTarget;
import dev.vigil.config.ProbeConfig;
import dev.vigil.config.ProbeModule;
import dev.vigil.output.prometheus.ProbePage;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.starttls.StartTls;
import dev.vigil.probe.tcp.TlsProbe;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /probe?target=…&module=…}, blackbox_exporter's interface: runs the module's probe once against the target,
 * now, and answers the run's families ({@link ProbePage}). The run goes through the agent's probers and its certificate
 * history like a scheduled run, but on the request's own thread and outside the scheduler's permits, so it never holds
 * up scheduled probing. Bounded: only targets a module's {@code allowedTargets} takes (403), at most
 * {@value #MAX_IN_FLIGHT} runs at once (503 beyond, never queued), at most {@value #BURST} runs in a burst and
 * {@value #PER_SECOND} a second on average (429 beyond), and each run within its module's timeout, Prometheus'
 * scrape timeout and {@link #CEILING}.
 */
final class ProbeEndpoint {
    /** Runs at once: a Prometheus scraping many targets spreads them over its interval. */
    static final int MAX_IN_FLIGHT = 16;
    static final int BURST = 100;
    static final int PER_SECOND = 50;
    /** Under the agent's request deadline, so that the answer goes out before the request is cut off. */
    static final Duration CEILING = AgentServer.EXCHANGE_DEADLINE.minusSeconds(5);
    /** The module blackbox_exporter runs when none is named. */
    static final String DEFAULT_MODULE = "http_2xx";
    private static final int MAX_QUERY_CHARS = 4096;

    /** What {@code /probe} answers: a status, and a body in the text format (200) or plain text. */
    record Answer(int status, String body, String retryAfter) {
        static Answer error(int status, String text) {
            return new Answer(status, text + "\n", null);
        }
    }

    private final Supplier<Map<String, ProbeModule>> modules;
    private final Prober prober;
    private final BiFunction<ProbeConfig, ProbeResult, CertStatus> certificates;
    private final Clock clock;
    private final Semaphore inFlight;
    private final TokenBucket rate;

    /**
     * @param modules      the modules of the running config, read at each request so that a reload applies at once
     * @param prober       runs a spec within its timeout (the agent's probers behind their hard deadline)
     * @param certificates records a run's certificate as a scheduled run's is, answering what is known of it
     */
    ProbeEndpoint(Supplier<Map<String, ProbeModule>> modules, Prober prober,
            BiFunction<ProbeConfig, ProbeResult, CertStatus> certificates, Clock clock, int maxInFlight,
            TokenBucket rate) {
        this.modules = modules;
        this.prober = prober;
        this.certificates = certificates;
        this.clock = clock;
        this.inFlight = new Semaphore(maxInFlight);
        this.rate = rate;
    }

    /** The endpoint with its standard bounds. */
    static ProbeEndpoint standard(Supplier<Map<String, ProbeModule>> modules, Prober prober,
            BiFunction<ProbeConfig, ProbeResult, CertStatus> certificates, Clock clock) {
        return new ProbeEndpoint(modules, prober, certificates, clock, MAX_IN_FLIGHT,
                new TokenBucket(clock, BURST, Duration.ofSeconds(1).dividedBy(PER_SECOND)));
    }

    /**
     * Answers one request.
     *
     * @param rawQuery      the request's query, still percent-encoded; null for none
     * @param scrapeTimeout the {@code X-Prometheus-Scrape-Timeout-Seconds} header, or null
     */
    Answer answer(String rawQuery, String scrapeTimeout) {
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_CHARS) {
            return Answer.error(414, "the query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        Map<String, String> params = parameters(rawQuery);
        String moduleName = params.getOrDefault("module", "");
        moduleName = moduleName.isEmpty() ? DEFAULT_MODULE : moduleName;
        Map<String, ProbeModule> known = modules.get();
        ProbeModule module = known.get(moduleName);
        if (module == null) {
            return Answer.error(400, "Unknown module \"" + printable(moduleName) + "\"; this config's modules: "
                    + (known.isEmpty() ? "none (see 'modules' in docs/configuration.md)" : String.join(", ", new TreeSet<>(known.keySet()))));
        }
        String target = params.getOrDefault("target", "");
        if (target.isEmpty()) {
            return Answer.error(400, "Target parameter is missing");
        }
        ProbeConfig run;
        try {
            run = runOf(module, ProbeTarget.url(target, module.kind()), scrapeTimeout);
        } catch (IllegalArgumentException e) {
            return Answer.error(400, "module " + module.name() + ": " + e.getMessage());
        } catch (Refused e) {
            return Answer.error(403, e.getMessage());
        }
        if (!rate.tryTake()) {
            return new Answer(429, "too many /probe requests: at most " + PER_SECOND + " a second on average, "
                    + BURST + " in a burst\n", "1");
        }
        if (!inFlight.tryAcquire()) {
            return new Answer(503, "too many /probe runs in progress (at most " + MAX_IN_FLIGHT + " at once); try"
                    + " again\n", "1");
        }
        ProbeResult result;
        CertStatus cert;
        try {
            result = prober.run(run.spec());
            cert = certificates.apply(run, result);
        } finally {
            inFlight.release();
        }
        StringWriter page = new StringWriter();
        try {
            ProbePage.writeTo(page, run.spec(), result, cert, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return new Answer(200, page.toString(), null);
    }

    /** A target the module's allow-list does not take. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The probe to run: the module's template with {@code url} as its target and the request's timeout.
     *
     * @throws IllegalArgumentException when the target or the header cannot be used
     * @throws Refused                  when the module's allow-list does not take the target
     */
    private static ProbeConfig runOf(ProbeModule module, URI url, String scrapeTimeout) throws Refused {
        ProbeConfig template = module.template();
        Duration timeout = ProbeTarget.timeout(template.spec().timeout(), scrapeTimeout, CEILING);
        ProbeSpec spec = switch (template.spec()) {
            case HttpSpec h -> new HttpSpec(checked(module, url), h.method(), h.headers(), timeout, h.expect(), h.tls(),
                    h.maxBodyBytes(), h.resolve(), h.ipFamily(), h.httpVersion(), h.dns());
            case TlsSpec t -> new TlsSpec(checked(module, TlsProbe.target(url, t.starttls() == null ? null
                    : StartTls.parse(t.starttls()))), t.starttls(), timeout, t.tls(), t.resolve(), t.ipFamily(), t.dns());
        };
        // The history's probe name: ':' is in no probe's name, so a module's certificates are never a probe's.
        return new ProbeConfig("module:" + module.name(), template.interval(), template.labels(), spec,
                template.cert());
    }

    private static URI checked(ProbeModule module, URI url) throws Refused {
        if (module.allowing(url).isPresent()) {
            return url;
        }
        // Only the scheme, host and port: the path and query of a target may carry a token.
        String origin = url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
        if (module.allowedTargets().isEmpty()) {
            throw new Refused("module " + module.name() + " has no allowedTargets, so it probes no target (an open"
                    + " /probe would be an open proxy); list the targets it may probe in modules." + module.name()
                    + ".allowedTargets");
        }
        throw new Refused("target " + origin + " is not within module " + module.name() + "'s allowedTargets: "
                + module.allowedTargets().stream().map(AllowedTarget::pattern).collect(Collectors.joining(", ")));
    }

    /** The query's parameters, decoded; the first of a repeated one wins, as Go's {@code url.Values.Get}. */
    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** A name as it may be quoted back: control characters dropped, at most 64 characters. */
    private static String printable(String text) {
        String kept = text.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return kept.length() > 64 ? kept.substring(0, 64) + "…" : kept;
    }
}
