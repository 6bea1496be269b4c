package dev.vigil.output.prometheus;

import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.IpLiterals;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The series of one scrape, family by family, filled from each probe's latest result. Names, help texts and values
 * follow blackbox_exporter's HTTP prober; the {@code vigil_} families are Vigil's own.
 */
final class Scrape {
    private static final String[] CHAIN_LABEL_NAMES = {
        "fingerprint_sha256", "subject", "issuer", "subjectalternative", "serialnumber"};
    private static final Map<FailureKind, Labels> KIND_LABELS = kindLabels();
    private static final Labels PASSED = Labels.of("kind", "none");
    private static final Labels RESOLVE = Labels.of("phase", "resolve");
    private static final Labels CONNECT = Labels.of("phase", "connect");
    private static final Labels TLS = Labels.of("phase", "tls");
    private static final Labels PROCESSING = Labels.of("phase", "processing");
    private static final Labels TRANSFER = Labels.of("phase", "transfer");
    /** Label names Vigil sets itself; a probe label of one of these names would fail every scrape. */
    private static final Set<String> OWN_LABEL_NAMES = Stream.concat(Stream.of(CHAIN_LABEL_NAMES),
                    Stream.of("probe", "instance", "phase", "kind", "version", "cipher"))
            .collect(Collectors.toUnmodifiableSet());

    private final Map<Family, List<GaugeDataPointSnapshot>> gauges = new EnumMap<>(Family.class);
    private final Map<Family, List<InfoDataPointSnapshot>> infos = new EnumMap<>(Family.class);

    /** The labels on every series of {@code probe}: its name, its URL as {@code instance}, and its own labels. */
    static Labels labels(ProbeConfig probe) {
        List<String> names = new ArrayList<>(List.of("probe", "instance"));
        List<String> values = new ArrayList<>(List.of(probe.name(), probe.spec().url().toString()));
        probe.labels().forEach((name, value) -> {
            if (OWN_LABEL_NAMES.contains(name)) {
                throw new IllegalArgumentException("probe '" + probe.name() + "': label name '" + name
                        + "' is reserved; Vigil sets it itself");
            }
            names.add(name);
            values.add(value);
        });
        return Labels.of(names, values);
    }

    /** Adds the series of one probe, {@code probe} being its base labels. */
    void add(Labels probe, ProbeResult result) {
        set(Family.SUCCESS, probe, result.success() ? 1 : 0);
        set(Family.DURATION, probe, seconds(result.duration()));
        set(Family.LAST_RUN, probe, seconds(result.startedAt()));
        FailureKind failed = result.success() ? null : result.failure().kind();
        set(Family.FAILURE_KIND, probe.merge(failed == null ? PASSED : KIND_LABELS.get(failed)), 1);
        set(Family.FAILED_DUE_TO_REGEX, probe, failed == FailureKind.BODY_MISMATCH ? 1 : 0);
        addPhases(probe, result.phases());
        addHttp(probe, result.http());
        if (result.tls() != null) {
            addTls(probe, result.tls());
        }
    }

    /** A snapshot per family some probe gave a series; the others are left out of the scrape. */
    MetricSnapshots snapshots() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        gauges.forEach((family, points) -> snapshots.metricSnapshot(new GaugeSnapshot(family.metadata, points)));
        infos.forEach((family, points) -> snapshots.metricSnapshot(new InfoSnapshot(family.metadata, points)));
        return snapshots.build();
    }

    private void addPhases(Labels probe, Phases phases) {
        if (phases.resolve() != null) {
            set(Family.DNS_LOOKUP, probe, seconds(phases.resolve()));
        }
        addPhase(probe, RESOLVE, phases.resolve());
        addPhase(probe, CONNECT, phases.connect());
        addPhase(probe, TLS, phases.tls());
        addPhase(probe, PROCESSING, phases.processing());
        addPhase(probe, TRANSFER, phases.transfer());
    }

    private void addPhase(Labels probe, Labels phase, Duration time) {
        if (time != null) {
            set(Family.PHASE_DURATION, probe.merge(phase), seconds(time));
        }
    }

    /** Like blackbox_exporter, a run that got no response still reports these, as zeros. */
    private void addHttp(Labels probe, HttpFacts http) {
        boolean none = http == null;
        set(Family.STATUS_CODE, probe, none ? 0 : http.status());
        set(Family.HTTP_VERSION, probe, none ? 0 : version(http.version()));
        set(Family.REDIRECTS, probe, none ? 0 : http.redirects());
        set(Family.CONTENT_LENGTH, probe, none ? 0 : http.contentLength());
        set(Family.SSL, probe, !none && "https".equalsIgnoreCase(http.finalUrl().getScheme()) ? 1 : 0);
    }

    private void addTls(Labels probe, TlsFacts tls) {
        double expiry = seconds(tls.earliestExpiry());
        set(Family.EARLIEST_EXPIRY, probe, expiry);
        if (tls.verified()) {
            // Vigil keeps the chain as sent; once it verified, its earliest expiry stands for the verified chain's.
            set(Family.LAST_CHAIN_EXPIRY, probe, expiry);
        }
        CertificateFacts leaf = tls.leaf();
        String[] chainValues = {leaf.sha256(), leaf.subject(), leaf.issuer(), dnsNames(leaf), leaf.serialHex()};
        info(Family.LAST_CHAIN, probe.merge(CHAIN_LABEL_NAMES, chainValues));
        info(Family.TLS_VERSION, probe.add("version", tls.version()));
        info(Family.CIPHER, probe.add("cipher", tls.cipher()));
    }

    private void set(Family family, Labels labels, double value) {
        gauges.computeIfAbsent(family, f -> new ArrayList<>()).add(new GaugeDataPointSnapshot(value, labels, null));
    }

    private void info(Family family, Labels labels) {
        infos.computeIfAbsent(family, f -> new ArrayList<>()).add(new InfoDataPointSnapshot(labels));
    }

    /** The DNS names among the SANs, comma-separated as blackbox_exporter writes them. */
    private static String dnsNames(CertificateFacts cert) {
        return cert.sans().stream().filter(san -> !IpLiterals.isLiteral(san)).collect(Collectors.joining(","));
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

    private static Map<FailureKind, Labels> kindLabels() {
        Map<FailureKind, Labels> labels = new EnumMap<>(FailureKind.class);
        for (FailureKind kind : FailureKind.values()) {
            labels.put(kind, Labels.of("kind", kind.id()));
        }
        return labels;
    }
}
