package dev.vigil.output.prometheus;

import dev.vigil.cert.CertStatus;
import dev.vigil.cert.Observation;
import dev.vigil.net.IpLiterals;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One probe's series: its latest result, with all label text escaped once when recorded so that writing a page only
 * appends. The families ({@link Family}) read it. Immutable, so a writer sees either the whole of one result or the
 * whole of the next.
 *
 * @param kind     the probe's kind, which decides the kind-owned families it has
 * @param labels   the labels on every series of the probe: its name, its URL as {@code instance}, and its own labels
 * @param chain    the leaf certificate's labels, or null without a TLS handshake; likewise {@code version} and
 *                 {@code cipher}
 * @param expiry   the earliest certificate expiry in unixtime, meaningful only with a chain
 * @param verified whether the chain verified, meaningful only with a chain
 * @param cert     the last certificate seen at the probe's endpoint and its CA limit usage
 * @param domain   the registered domain's label, or null without a known certificate
 * @param nameSets the {@code names} label of each of {@code cert}'s name sets, in its order
 */
record Series(String kind, String labels, ProbeResult result, String chain, String version, String cipher,
        double expiry, boolean verified, CertStatus cert, String domain, List<String> nameSets) {
    private static final String ONE = "1";
    private static final String[] CHAIN_LABEL_NAMES = {
        "fingerprint_sha256", "subject", "issuer", "subjectalternative", "serialnumber"};

    /**
     * The series of {@code probe}'s latest {@code result}, the certificate's, version's and cipher's label text passed
     * through {@code shared} (see {@link LabelTexts}).
     *
     * @throws IllegalArgumentException when one of the probe's labels has a name Vigil sets itself
     */
    static Series of(LabelledProbe probe, ProbeResult result, CertStatus cert, UnaryOperator<String> shared) {
        StringBuilder labels = new StringBuilder(TextFormat.label("probe", probe.name())).append(',')
                .append(TextFormat.label("instance", probe.spec().url().toString()));
        probe.labels().forEach((name, value) -> {
            if (LabelledProbe.RESERVED_LABELS.contains(name)) {
                throw new IllegalArgumentException("probe '" + probe.name() + "': label name '" + name
                        + "' is reserved; Vigil sets it itself");
            }
            labels.append(',').append(TextFormat.label(name, value));
        });
        return of(probe.spec().kind(), labels.toString(), result, cert, shared);
    }

    /**
     * The series of one run of a probe of {@code kind}, every sample carrying {@code labels} (label text as
     * {@link TextFormat#label} writes it, comma-joined; empty for none), label text that many series may hold alike
     * passed through {@code shared}.
     */
    static Series of(String kind, String labels, ProbeResult result, CertStatus cert, UnaryOperator<String> shared) {
        TlsFacts tls = result.tls();
        Observation known = cert.current();
        String domain = cert.registeredDomain() == null ? null
                : shared.apply(TextFormat.label("domain", cert.registeredDomain()));
        List<String> nameSets = cert.nameSets().stream()
                .map(set -> shared.apply(TextFormat.label("names", String.join(",", set.names())))).toList();
        if (tls != null) {
            CertificateFacts leaf = tls.leaf();
            return new Series(kind, labels, result,
                    shared.apply(chain(leaf.sha256(), leaf.subject(), leaf.issuer(), dnsNames(leaf.sans()),
                            leaf.serialHex())),
                    shared.apply(TextFormat.label("version", tls.version())),
                    shared.apply(TextFormat.label("cipher", tls.cipher())),
                    seconds(tls.earliestExpiry()), tls.verified(), cert, domain, nameSets);
        }
        if (known != null) {
            // No handshake this run: the last certificate seen stays known, so expiry alerts outlive the handshake.
            return new Series(kind, labels, result,
                    shared.apply(chain(known.sha256(), known.subject(), known.issuer(), dnsNames(known.sans()),
                            known.serialHex())),
                    null, null, seconds(known.notAfter()), known.verified(), cert, domain, nameSets);
        }
        return new Series(kind, labels, result, null, null, null, 0, false, cert, domain, nameSets);
    }

    private static String chain(String... values) {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            chain.append(i == 0 ? "" : ",").append(TextFormat.label(CHAIN_LABEL_NAMES[i], values[i]));
        }
        return chain.toString();
    }

    /** A sample of {@code time} in seconds with {@code phase}'s label, if the phase was observed. */
    void phase(TextFormat page, String phase, Duration time) throws IOException {
        if (time != null) {
            page.sample(labels, phase, seconds(time));
        }
    }

    /** An info sample: value 1, its information in {@code info}, which is null when the run had no TLS. */
    void info(TextFormat page, String info) throws IOException {
        if (info != null) {
            page.sample(labels, info, ONE);
        }
    }

    /** The DNS names among the SANs, comma-separated as blackbox_exporter writes them. */
    private static String dnsNames(List<String> sans) {
        return sans.stream().filter(san -> !IpLiterals.isLiteral(san)).collect(Collectors.joining(","));
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
