package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertSettings;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ProbeConfig;
import dev.vigil.config.Sizes;
import dev.vigil.config.VigilConfig;
import dev.vigil.net.DnsSyntax;
import dev.vigil.net.TrustStores;
import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.HardDeadline;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Regex;
import dev.vigil.probe.StatusRange;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.WaitDeadline;
import dev.vigil.probe.kinds.Probers;
import dev.vigil.probe.starttls.StartTls;
import dev.vigil.probe.tcp.TlsProbe;
import dev.vigil.text.ByteSizes;
import dev.vigil.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil probe}: one probe run now, judged as a Nagios status. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Probe one URL, or every probe of a config file, once and exit with a Nagios status.",
                "The first line is the overall status, a summary and performance data after '|' (time, size, days"
                        + " left); the lines after it say what was seen. Exit codes: 0 OK, 1 WARNING (certificate"
                        + " expires soon), 2 CRITICAL (down, wrong answer, bad certificate), 3 UNKNOWN (bad usage)."})
final class ProbeCommand implements Callable<Integer> {
    /** Flags describing a single probe, which a config file describes instead. */
    private static final List<String> SINGLE_PROBE_FLAGS = List.of("--timeout", "--method", "--header", "--expect-status",
            "--expect-body", "--fail-if-body", "--no-follow-redirects", "--expect-https-redirect", "--ca-file", "--insecure",
            "--resolve", "-4", "-6", "--http2", "--warn-days", "--crit-days", "--max-body-size", "--resolver",
            "--expect-address", "--expect-lb-hostname", "--no-authoritative", "--max-addresses", "--starttls");
    /** Flags only an http(s) URL reads. */
    private static final List<String> HTTP_FLAGS = List.of("--method", "--header", "--expect-status", "--expect-body",
            "--fail-if-body", "--no-follow-redirects", "--expect-https-redirect", "--http2", "--max-body-size");

    /** Beyond a run's own hard deadline, before the command stops waiting for it. */
    private static final Duration BACKSTOP_SLACK = Duration.ofMillis(500);

    enum Output { text, json }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "http:// or https:// URL to probe, or tls://HOST[:PORT] to only handshake.")
    String url;

    @Option(names = {"--config", "--config.file"}, paramLabel = "FILE", description = "Run every probe of this config file once instead of one URL.")
    Path config;

    @Option(names = "--name", paramLabel = "NAME", description = "With --config: run only the probes so named (repeatable).")
    List<String> names = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Hard deadline for DNS, connect, TLS, response and redirects, e.g. 500ms, 5s, 1m (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "HTTP method (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "Extra request header (repeatable). Values are never printed.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--expect-status", paramLabel = "CODES", split = ",",
            description = "Accepted status codes and ranges, e.g. 200,301-302 (default: any 2xx).")
    List<String> expectStatus = new ArrayList<>();

    @Option(names = "--expect-body", paramLabel = "REGEX", description = "The body must match (repeatable).")
    List<String> expectBody = new ArrayList<>();

    @Option(names = "--fail-if-body", paramLabel = "REGEX", description = "The body must not match (repeatable).")
    List<String> failIfBody = new ArrayList<>();

    @Option(names = "--no-follow-redirects", description = "Judge the first response, even a redirect.")
    boolean noFollowRedirects;

    @Option(names = "--expect-https-redirect", description = "For an http:// URL: pass only if it redirects to https://.")
    boolean expectHttpsRedirect;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust these CA certificates instead of the JDK's trust store.")
    Path caFile;

    @Option(names = {"-k", "--insecure"}, description = "Do not fail on the certificate; it is still captured and reported, never as verified.")
    boolean insecure;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDRESS",
            description = "Connect to ADDRESS for HOST:PORT while SNI, Host and verification use HOST, like curl (repeatable).")
    List<String> resolve = new ArrayList<>();

    @Option(names = "-4", description = "Connect over IPv4 only.")
    boolean ipv4;

    @Option(names = "-6", description = "Connect over IPv6 only.")
    boolean ipv6;

    @Option(names = "--http2", description = "Ask for HTTP/2 (ALPN; falls back to 1.1). Not with --resolve, --resolver, -4 or -6.")
    boolean http2;

    @Option(names = "--starttls", paramLabel = "PROTOCOL",
            description = "With a tls:// URL: speak this protocol's STARTTLS first (smtp, imap, pop3, ftp, ldap, postgres);"
                    + " the port defaults to the protocol's.")
    String starttls;

    @Option(names = "--warn-days", paramLabel = "DAYS", defaultValue = "" + TlsOptions.DEFAULT_WARN_DAYS,
            description = "WARNING when a certificate expires within this many days (default ${DEFAULT-VALUE}).")
    int warnDays;

    @Option(names = "--crit-days", paramLabel = "DAYS", defaultValue = "" + TlsOptions.DEFAULT_CRIT_DAYS,
            description = "CRITICAL when a certificate expires within this many days (default ${DEFAULT-VALUE}).")
    int critDays;

    @Option(names = "--max-body-size", paramLabel = "SIZE", defaultValue = "1MiB", description = "Most body bytes read, e.g. 64KiB; a longer body fails (default ${DEFAULT-VALUE}).")
    String maxBodySize;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]",
            description = "Check the host's DNS answer from this resolver (repeatable; port 53 unless given; [IPv6]:PORT)"
                    + " and connect to the addresses it returns. IP addresses only. Not with --http2.")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--expect-address", paramLabel = "IP",
            description = "The load balancer's address (repeatable): DNS answering any other is reported.")
    List<String> expectAddresses = new ArrayList<>();

    @Option(names = "--expect-lb-hostname", paramLabel = "NAME",
            description = "The load balancer's DNS name, resolved each run; its addresses count as expected.")
    String expectLbHostname;

    @Option(names = "--no-authoritative", description = "Do not also ask the zone's authoritative name servers.")
    boolean noAuthoritative;

    @Option(names = "--max-addresses", paramLabel = "N",
            description = {"Probe at most N of the addresses DNS and the load balancer give (1-"
                    + DnsOptions.MAX_ADDRESSES_LIMIT + ", default " + DnsOptions.DEFAULT_MAX_ADDRESSES
                    + "), the load balancer's first; the rest are counted."})
    Integer maxAddresses;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Record the certificates seen into this state directory and report their changes (as vigil run does).")
    Path stateDir;

    ProbeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Target> targets = targets();
        List<ProbeResult> results = runAll(targets);
        List<List<CertEvent>> events = stateDir == null ? targets.stream().map(t -> List.<CertEvent>of()).toList()
                : recordHistory(targets, results);
        PrintWriter out = spec.commandLine().getOut();
        NagiosStatus worst = NagiosStatus.OK;
        var json = new ArrayList<ObjectNode>();
        var text = new ArrayList<NagiosReport.Judged>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            ProbeResult r = results.get(i);
            Verdict verdict = Verdict.of(r, t.spec().tls(), context.clock()).with(events.get(i));
            worst = worst.worse(verdict.status());
            if (output == Output.json) {
                json.add(JsonReport.of(t.name(), t.spec().url(), r, verdict, context.clock(), events.get(i)));
            } else {
                text.add(new NagiosReport.Judged(t.name(), r, verdict, t.spec().tls(),
                        TextReport.of(t.name(), t.spec().url(), r, verdict, context.clock(), events.get(i))));
            }
        }
        if (output == Output.json) {
            out.println(config == null ? json.getFirst().toPrettyString() : JsonReport.summary(worst, json).toPrettyString());
        } else {
            out.print(NagiosReport.of(text, config != null, context.clock()));
        }
        out.flush();
        return worst.exitCode();
    }

    private List<List<CertEvent>> recordHistory(List<Target> targets, List<ProbeResult> results) {
        try {
            return OneShotHistory.record(stateDir, context.clock(), targets, results, context.userAgent());
        } catch (UncheckedIOException e) {
            throw usage("--state-dir " + stateDir + ": " + e.getMessage());
        }
    }

    /** A probe to run, the name it is reported under (null for a bare URL) and how its certificates are tracked. */
    record Target(String name, ProbeSpec spec, CertSettings cert) {
    }

    /**
     * Every target's result, all probed at once. Each run has its own hard deadline; the wait here is bounded too
     * (for a scheduler too busy to wake a run's own timer), and nothing is waited for after it: unfinished runs are
     * reported as abandoned, interrupted and left behind. The command ends within the longest timeout and a grace.
     */
    private List<ProbeResult> runAll(List<Target> targets) {
        try (Probers probers = Probers.open(context.clock(), context.resolver(), context.userAgent(),
                context.environment(), stateDir != null)) {
            // Platform threads: the JVM's exit would wait 0.3 s for the poller a virtual thread's I/O starts.
            HardDeadline prober = new HardDeadline(probers, context.clock(), Thread.ofPlatform().daemon().factory());
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            try {
                Instant start = context.clock().instant();
                WaitDeadline started = WaitDeadline.after(Duration.ZERO);
                List<Future<ProbeResult>> futures = targets.stream()
                        .map(t -> pool.submit(() -> prober.run(t.spec()))).toList();
                List<ProbeResult> results = new ArrayList<>();
                for (int i = 0; i < targets.size(); i++) {
                    ProbeSpec spec = targets.get(i).spec();
                    WaitDeadline until = started.plus(spec.timeout().plus(HardDeadline.GRACE).plus(BACKSTOP_SLACK));
                    results.add(until.get(futures.get(i), () -> HardDeadline.abandoned(spec, start,
                            context.clock().instant())));
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private List<Target> targets() {
        if (config != null) {
            if (url != null) {
                throw usage("give either a URL or --config, not both");
            }
            for (String flag : SINGLE_PROBE_FLAGS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                    throw usage(flag + " describes a single URL probe; with --config each probe's settings come from the file");
                }
            }
            return fromConfig();
        }
        if (url == null) {
            throw usage("give a URL to probe, or --config FILE");
        }
        if (!names.isEmpty()) {
            throw usage("--name selects probes of a --config file");
        }
        return List.of(new Target(null, fromFlags(), CertSettings.DEFAULT));
    }

    private List<Target> fromConfig() {
        VigilConfig loaded;
        try {
            loaded = context.configLoader().load(config);
        } catch (ConfigException e) {
            throw usage(e.getMessage());
        }
        List<Target> targets = new ArrayList<>();
        for (ProbeConfig p : loaded.probes()) {
            if (names.isEmpty() || names.contains(p.name())) {
                targets.add(new Target(p.name(), p.spec(), p.cert()));
            }
        }
        if (loaded.probes().isEmpty()) {
            // A config of modules only serves /probe; it has nothing to probe on its own.
            throw usage(config + " has no probes (only modules, which `vigil run` answers on /probe); probe a URL"
                    + " instead: vigil probe URL");
        }
        if (targets.isEmpty()) {
            throw usage("--name " + String.join(", ", names) + " matches no probe in " + config + "; it has "
                    + loaded.probes().stream().map(ProbeConfig::name).toList());
        }
        return targets;
    }

    /** The single-URL probe the flags describe; throws a usage error naming the flag at fault. */
    ProbeSpec fromFlags() {
        URI uri = parse("URL", url, URI::new);
        if (ipv4 && ipv6) {
            throw usage("-4 and -6 exclude each other");
        }
        List<TlsOptions.Conflict> conflicts = TlsOptions.conflicts(caFile, insecure, warnDays, critDays);
        if (conflicts.contains(TlsOptions.Conflict.INSECURE_WITH_CA_FILE)) {
            throw usage("--insecure and --ca-file contradict each other: --insecure trusts nothing, --ca-file trusts that file");
        }
        if (caFile != null) {
            try {
                TrustStores.fromPem(caFile);
            } catch (IOException e) {
                throw usage("--ca-file " + caFile + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            }
        }
        // Negative days break the record's own rule; a usage error words it beside the order of the two.
        if (conflicts.contains(TlsOptions.Conflict.WARN_BELOW_CRIT) || critDays < 0) {
            throw usage("--warn-days (" + warnDays + ") must be at least --crit-days (" + critDays + "), both not negative");
        }
        Duration deadline = parse("--timeout", timeout, Durations::parse);
        List<AddressOverride> overrides = resolve.stream().map(r -> parse("--resolve", r, AddressOverride::parse)).toList();
        IpFamily family = ipv4 ? IpFamily.IPV4 : ipv6 ? IpFamily.IPV6 : IpFamily.ANY;
        TlsOptions tls = new TlsOptions(caFile, insecure, warnDays, critDays);
        if (TlsSpec.SCHEME.equalsIgnoreCase(uri.getScheme())) {
            return tlsTarget(uri, deadline, tls, overrides, family);
        }
        if (starttls != null) {
            throw usage("--starttls needs a tls:// URL, not " + uri.getScheme() + "://");
        }
        long bodyLimit = parse("--max-body-size", maxBodySize, s -> Sizes.bodyLimit(ByteSizes.parse(s)));
        var expectations = new HttpExpectations(
                expectStatus.stream().map(s -> parse("--expect-status", s, StatusRange::parse)).toList(),
                expectBody.stream().map(s -> parse("--expect-body", s, Regex::of)).toList(),
                failIfBody.stream().map(s -> parse("--fail-if-body", s, Regex::of)).toList(),
                !noFollowRedirects, expectHttpsRedirect);
        if (expectHttpsRedirect && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw usage("--expect-https-redirect needs an http:// URL");
        }
        List<Header> headerList = headers.stream().map(h -> parse("--header", h, ProbeCommand::header)).toList();
        try {
            return new HttpSpec(uri, method.toUpperCase(Locale.ROOT), headerList, deadline, expectations, tls,
                    bodyLimit, overrides, family, http2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1, dnsOptions());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The TLS-only probe of a {@code tls://} URL; HTTP flags are refused, naming the first given. */
    private TlsSpec tlsTarget(URI uri, Duration deadline, TlsOptions tls, List<AddressOverride> overrides,
            IpFamily family) {
        for (String flag : HTTP_FLAGS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                throw usage(flag + " applies to http(s) URLs only, not to the tls:// target " + uri);
            }
        }
        StartTls protocol = starttls == null ? null : parse("--starttls", starttls, StartTls::parse);
        try {
            return new TlsSpec(TlsProbe.target(uri, protocol), protocol == null ? null : protocol.id(), deadline, tls,
                    overrides, family, dnsOptions());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The DNS checks the DNS flags ask for; null when none is given. */
    private DnsOptions dnsOptions() {
        if (resolvers.isEmpty() && expectAddresses.isEmpty() && expectLbHostname == null && !noAuthoritative
                && maxAddresses == null) {
            return null;
        }
        String wrong = maxAddresses == null ? null : DnsOptions.maxAddressesProblem(maxAddresses);
        if (wrong != null) {
            throw usage("--max-addresses " + wrong);
        }
        if (http2 && !resolvers.isEmpty()) {
            throw usage("--resolver and --http2 exclude each other: the probe connects to the addresses the resolvers"
                    + " return, and pinned probes speak HTTP/1.1");
        }
        List<InetSocketAddress> servers = resolvers.stream().map(r -> parse("--resolver", r, DnsSyntax::resolver)).toList();
        List<String> addresses = expectAddresses.stream().map(a -> parse("--expect-address", a, DnsSyntax::address)).toList();
        String hostname = expectLbHostname == null ? null : parse("--expect-lb-hostname", expectLbHostname, DnsSyntax::dnsName);
        ExpectedLb expect = addresses.isEmpty() && hostname == null ? null : new ExpectedLb(addresses, hostname, null);
        return new DnsOptions(servers, !noAuthoritative, expect,
                maxAddresses == null ? DnsOptions.DEFAULT_MAX_ADDRESSES : maxAddresses);
    }

    /** {@code Name: value}; marked secret, since a command-line header is as likely as any to carry a token. */
    private static Header header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            // Never echo the text: it may hold a token.
            throw new IllegalArgumentException("expected 'Name: value'");
        }
        return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim(), true);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text) throws Exception;
    }

    private <T> T parse(String flag, String text, Parser<T> parser) {
        try {
            return parser.parse(text);
        } catch (PatternSyntaxException e) {
            throw usage(flag + ": not a valid regular expression: " + e.getDescription() + " in '" + text + "'");
        } catch (URISyntaxException e) {
            throw usage(flag + ": not a valid URL: " + e.getMessage());
        } catch (Exception e) {
            throw usage(flag + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
