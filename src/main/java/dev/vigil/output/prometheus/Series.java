package dev.vigil.output.prometheus;

import dev.vigil.cert.CertStatus;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.Observation;
import dev.vigil.config.ProbeConfig;
import dev.vigil.net.IpLiterals;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.hostchecks.DnsJudgement;
import dev.vigil.probe.hostchecks.StaleAnswer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One probe's series: its latest result, with all label text escaped once when recorded so that writing a page only
 * appends. Names, help texts and values follow blackbox_exporter's HTTP prober; the {@code vigil_} families are
 * Vigil's own. Immutable, so a writer sees either the whole of one result or the whole of the next.
 *
 * @param labels  the labels on every series of the probe: its name, its URL as {@code instance}, and its own labels
 * @param httpVersion the response's HTTP version as a number, 0 without a response or for an odd version
 * @param chain   the leaf certificate's labels, or null without a TLS handshake; likewise {@code version} and
 *                {@code cipher}
 * @param expiry  the earliest certificate expiry in unixtime, meaningful only with a chain
 * @param verified whether the chain verified, meaningful only with a chain
 * @param cert    the last certificate seen at the probe's endpoint and its CA limit usage
 * @param domain  the registered domain's label, or null without a known certificate
 */
record Series(String labels, ProbeResult result, double httpVersion, String chain, String version, String cipher,
        double expiry, boolean verified, CertStatus cert, String domain) {
    private static final String ONE = "1";
    private static final String[] CHAIN_LABEL_NAMES = {
        "fingerprint_sha256", "subject", "issuer", "subjectalternative", "serialnumber"};
    private static final Map<FailureKind, String> KIND_LABELS = kindLabels();
    private static final String PASSED = TextFormat.label("kind", "none");
    private static final String RESOLVE = TextFormat.label("phase", "resolve");
    private static final String CONNECT = TextFormat.label("phase", "connect");
    private static final String TLS = TextFormat.label("phase", "tls");
    private static final String PROCESSING = TextFormat.label("phase", "processing");
    private static final String TRANSFER = TextFormat.label("phase", "transfer");

    /**
     * The series of {@code probe}'s latest {@code result}.
     *
     * @throws IllegalArgumentException when one of the probe's labels has a name Vigil sets itself
     */
    static Series of(ProbeConfig probe, ProbeResult result, CertStatus cert) {
        StringBuilder labels = new StringBuilder(TextFormat.label("probe", probe.name())).append(',')
                .append(TextFormat.label("instance", probe.spec().url().toString()));
        probe.labels().forEach((name, value) -> {
            if (ProbeConfig.RESERVED_LABELS.contains(name)) {
                throw new IllegalArgumentException("probe '" + probe.name() + "': label name '" + name
                        + "' is reserved; Vigil sets it itself");
            }
            labels.append(',').append(TextFormat.label(name, value));
        });
        double httpVersion = result.http() == null ? 0 : version(result.http().version());
        TlsFacts tls = result.tls();
        Observation known = cert.current();
        String domain = cert.registeredDomain() == null ? null : TextFormat.label("domain", cert.registeredDomain());
        if (tls != null) {
            CertificateFacts leaf = tls.leaf();
            return new Series(labels.toString(), result, httpVersion,
                    chain(leaf.sha256(), leaf.subject(), leaf.issuer(), dnsNames(leaf.sans()), leaf.serialHex()),
                    TextFormat.label("version", tls.version()), TextFormat.label("cipher", tls.cipher()),
                    seconds(tls.earliestExpiry()), tls.verified(), cert, domain);
        }
        if (known != null) {
            // No handshake this run: the last certificate seen stays known, so expiry alerts outlive the handshake.
            return new Series(labels.toString(), result, httpVersion,
                    chain(known.sha256(), known.subject(), known.issuer(), dnsNames(known.sans()), known.serialHex()),
                    null, null, seconds(known.notAfter()), known.verified(), cert, domain);
        }
        return new Series(labels.toString(), result, httpVersion, null, null, null, 0, false, cert, domain);
    }

    private static String chain(String... values) {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            chain.append(i == 0 ? "" : ",").append(TextFormat.label(CHAIN_LABEL_NAMES[i], values[i]));
        }
        return chain.toString();
    }

    /** Writes the probe's samples of {@code family}, if it has any, as of {@code now}. */
    void write(Family family, TextFormat page, Instant now) throws IOException {
        HttpFacts http = result.http();
        Phases phases = result.phases();
        FailureKind failed = result.success() ? null : result.failure().kind();
        switch (family) {
            case SUCCESS -> page.sample(labels, null, result.success() ? 1 : 0);
            case DURATION -> page.sample(labels, null, seconds(result.duration()));
            case DNS_LOOKUP -> phase(page, null, phases.resolve());
            // Like blackbox_exporter, a run that got no response still reports the HTTP families, as zeros.
            case STATUS_CODE -> page.sample(labels, null, http == null ? 0 : http.status());
            case HTTP_VERSION -> page.sample(labels, null, httpVersion);
            case REDIRECTS -> page.sample(labels, null, http == null ? 0 : http.redirects());
            case CONTENT_LENGTH -> page.sample(labels, null, http == null ? 0 : http.contentLength());
            case SSL -> page.sample(labels, null,
                    http != null && "https".equalsIgnoreCase(http.finalUrl().getScheme()) ? 1 : 0);
            case PHASE_DURATION -> {
                phase(page, RESOLVE, phases.resolve());
                phase(page, CONNECT, phases.connect());
                phase(page, TLS, phases.tls());
                phase(page, PROCESSING, phases.processing());
                phase(page, TRANSFER, phases.transfer());
            }
            case FAILED_DUE_TO_REGEX -> page.sample(labels, null, failed == FailureKind.BODY_MISMATCH ? 1 : 0);
            case EARLIEST_EXPIRY -> {
                if (chain != null) {
                    page.sample(labels, null, expiry);
                }
            }
            // Vigil keeps the chain as sent; once it verified, its earliest expiry stands for the verified chain's.
            case LAST_CHAIN_EXPIRY -> {
                if (chain != null && verified) {
                    page.sample(labels, null, expiry);
                }
            }
            case LAST_CHAIN -> info(page, chain);
            case TLS_VERSION -> info(page, version);
            case CIPHER -> info(page, cipher);
            case FAILURE_KIND -> page.sample(labels, failed == null ? PASSED : KIND_LABELS.get(failed), 1);
            case LAST_RUN -> page.sample(labels, null, seconds(result.startedAt()));
            case DNS_LB_MISMATCH, DNS_SPLIT_BRAIN, DNS_RECORD_TTL, DNS_ANSWER_MATCHES, LB_DIRECT_SUCCESS ->
                    writeDns(family, page);
            default -> writeCert(family, page, now);
        }
    }

    /** The DNS and load-balancer families, for a probe with those checks; their labels are few, so built here. */
    private void writeDns(Family family, TextFormat page) throws IOException {
        DnsFacts dns = result.dns();
        if (dns == null) {
            return;
        }
        switch (family) {
            case DNS_LB_MISMATCH -> page.sample(labels, null, dns.lbMismatch() ? 1 : 0);
            case DNS_SPLIT_BRAIN -> page.sample(labels, null, dns.splitBrain() ? 1 : 0);
            case DNS_RECORD_TTL -> {
                for (ResolverAnswer answer : dns.answers()) {
                    if (answer.error() == null) {
                        page.sample(labels, TextFormat.label("resolver", answer.resolver()), answer.ttlSeconds());
                    }
                }
            }
            case DNS_ANSWER_MATCHES -> {
                if (!dns.expected().isEmpty()) {
                    Set<String> stale = DnsJudgement.stale(dns.answers(), dns.expected()).stream()
                            .map(StaleAnswer::resolver).collect(Collectors.toSet());
                    for (ResolverAnswer answer : dns.answers()) {
                        boolean matches = answer.error() == null && !stale.contains(answer.resolver());
                        page.sample(labels, TextFormat.label("resolver", answer.resolver()), matches ? 1 : 0);
                    }
                }
            }
            case LB_DIRECT_SUCCESS -> {
                for (AddressCheck check : dns.direct()) {
                    page.sample(labels, TextFormat.label("address", check.address()), check.success() ? 1 : 0);
                }
            }
            default -> throw new IllegalStateException("not a DNS family: " + family);
        }
    }

    private void writeCert(Family family, TextFormat page, Instant now) throws IOException {
        Observation known = cert.current();
        if (known == null) {
            return;
        }
        LimitUsage exact = cert.exactSet();
        LimitUsage perDomain = cert.registeredDomainUsage();
        switch (family) {
            case CERT_FIRST_SEEN -> page.sample(labels, null, seconds(known.firstSeen()));
            case CERT_NOT_BEFORE -> page.sample(labels, null, seconds(known.notBefore()));
            case CERT_NOT_AFTER -> page.sample(labels, null, seconds(known.notAfter()));
            case CERT_OBSERVATION_AGE -> page.sample(labels, null, seconds(Duration.between(known.lastSeen(), now)));
            case DUPLICATE_SET_ISSUED -> page.sample(labels, null, exact.issuedInWindow());
            case DUPLICATE_SET_TOKENS -> page.sample(labels, null, exact.tokensLeft());
            case DUPLICATE_SET_NEXT_TOKEN -> {
                if (exact.nextTokenAt() != null) {
                    page.sample(labels, null, seconds(exact.nextTokenAt()));
                }
            }
            case DOMAIN_ISSUED -> page.sample(labels, domain, perDomain.issuedInWindow());
            case DOMAIN_TOKENS -> page.sample(labels, domain, perDomain.tokensLeft());
            default -> throw new IllegalStateException("not a certificate family: " + family);
        }
    }

    private void phase(TextFormat page, String phase, Duration time) throws IOException {
        if (time != null) {
            page.sample(labels, phase, seconds(time));
        }
    }

    /** An info sample: value 1, its information in {@code info}, which is null when the run had no TLS. */
    private void info(TextFormat page, String info) throws IOException {
        if (info != null) {
            page.sample(labels, info, ONE);
        }
    }

    /** The DNS names among the SANs, comma-separated as blackbox_exporter writes them. */
    private static String dnsNames(List<String> sans) {
        return sans.stream().filter(san -> !IpLiterals.isLiteral(san)).collect(Collectors.joining(","));
    }

    /** {@code 1.1} or {@code 2} as a number; 0 for anything else, so one odd value cannot fail the whole scrape. */
    private static double version(String version) {
        try {
            return Double.parseDouble(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static Map<FailureKind, String> kindLabels() {
        Map<FailureKind, String> labels = new EnumMap<>(FailureKind.class);
        for (FailureKind kind : FailureKind.values()) {
            labels.put(kind, TextFormat.label("kind", kind.id()));
        }
        return labels;
    }
}
