package dev.vigil.output.prometheus;

import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.hostchecks.DnsJudgement;
import dev.vigil.probe.hostchecks.StaleAnswer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The families every probe kind has: blackbox_exporter's {@code probe_success}, {@code probe_duration_seconds},
 * {@code probe_dns_lookup_time_seconds}, {@code probe_ip_*}, {@code probe_ssl_*} and {@code probe_tls_*}, then Vigil's
 * own. The
 * {@code vigil_cert_} families describe the last certificate seen at the probe's endpoint, which stays known while
 * handshakes fail; the {@code vigil_dns_} and {@code vigil_lb_} ones are written for probes with DNS checks.
 */
final class CommonFamilies {
    private static final Map<FailureKind, String> KIND_LABELS = kindLabels();
    private static final String PASSED = TextFormat.label("kind", "none");

    /** Before the kinds' own families on the page. */
    static final List<Family> HEAD = List.of(
            Family.gauge("probe_success", "Displays whether or not the probe was a success",
                    (probe, page, now) -> page.sample(probe.labels(), null, probe.result().success() ? 1 : 0)),
            Family.gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds",
                    (probe, page, now) -> page.sample(probe.labels(), null, Series.seconds(probe.result().duration()))),
            Family.gauge("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds",
                    (probe, page, now) -> probe.phase(page, null, probe.result().phases().resolve())),
            // blackbox_exporter sets both once the target resolved, before connecting, and writes 0 without an address.
            Family.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6",
                    (probe, page, now) -> page.sample(probe.labels(), null, protocol(probe.result().address()))),
            Family.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.",
                    (probe, page, now) -> page.sample(probe.labels(), null,
                            probe.result().address() == null ? 0 : AddressHash.of(probe.result().address()))));

    /** After the kinds' own families on the page. */
    static final List<Family> TAIL = List.of(
            Family.gauge("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime",
                    (probe, page, now) -> {
                        if (probe.chain() != null) {
                            page.sample(probe.labels(), null, probe.expiry());
                        }
                    }),
            // Vigil keeps the chain as sent; once it verified, its earliest expiry stands for the verified chain's.
            Family.gauge("probe_ssl_last_chain_expiry_timestamp_seconds", "Returns last SSL chain expiry in timestamp",
                    (probe, page, now) -> {
                        if (probe.chain() != null && probe.verified()) {
                            page.sample(probe.labels(), null, probe.expiry());
                        }
                    }),
            Family.gauge("probe_ssl_last_chain_info", "Contains SSL leaf certificate information",
                    (probe, page, now) -> probe.info(page, probe.chain())),
            Family.gauge("probe_tls_version_info", "Returns the TLS version used or NaN when unknown",
                    (probe, page, now) -> probe.info(page, probe.version())),
            Family.gauge("probe_tls_cipher_info", "Returns the TLS cipher negotiated during handshake",
                    (probe, page, now) -> probe.info(page, probe.cipher())),
            Family.gauge("vigil_probe_failure_kind", "The failure kind of the probe's last run, or none if it passed",
                    (probe, page, now) -> page.sample(probe.labels(), probe.result().success() ? PASSED
                            : KIND_LABELS.get(probe.result().failure().kind()), 1)),
            Family.gauge("vigil_probe_last_run_timestamp_seconds", "When the probe's last run started, in unixtime",
                    (probe, page, now) -> page.sample(probe.labels(), null, Series.seconds(probe.result().startedAt()))),
            cert("vigil_cert_first_seen_timestamp_seconds",
                    "When Vigil first saw the endpoint's current certificate, in unixtime",
                    (probe, page, now) -> page.sample(probe.labels(), null, Series.seconds(known(probe).firstSeen()))),
            cert("vigil_cert_not_before_timestamp_seconds",
                    "Start of validity of the endpoint's current certificate, in unixtime",
                    (probe, page, now) -> page.sample(probe.labels(), null, Series.seconds(known(probe).notBefore()))),
            cert("vigil_cert_not_after_timestamp_seconds",
                    "Expiry of the endpoint's current certificate, in unixtime, kept while handshakes fail",
                    (probe, page, now) -> page.sample(probe.labels(), null, Series.seconds(known(probe).notAfter()))),
            cert("vigil_cert_observation_age_seconds",
                    "Seconds since the endpoint's current certificate was last seen in a handshake",
                    (probe, page, now) -> page.sample(probe.labels(), null,
                            Series.seconds(Duration.between(known(probe).lastSeen(), now)))),
            cert("vigil_cert_duplicate_set_issued_168h",
                    "Certificates issued for the current certificate's exact set of names in the last 168 hours",
                    (probe, page, now) -> page.sample(probe.labels(), null, exact(probe).issuedInWindow())),
            cert("vigil_cert_duplicate_set_tokens_left",
                    "New certificates the CA would issue now for the current certificate's exact set of names",
                    (probe, page, now) -> {
                        // A self-signed default certificate's names are under no CA's limit: no count to claim.
                        if (probe.cert().nameSets().getFirst().noLimit() == null) {
                            page.sample(probe.labels(), null, exact(probe).tokensLeft());
                        }
                    }),
            cert("vigil_cert_duplicate_set_next_token_timestamp_seconds",
                    "When one more certificate for the exact set of names becomes available, in unixtime",
                    (probe, page, now) -> {
                        if (exact(probe).nextTokenAt() != null) {
                            page.sample(probe.labels(), null, Series.seconds(exact(probe).nextTokenAt()));
                        }
                    }),
            cert("vigil_cert_registered_domain_issued_168h",
                    "Certificates issued for names under the registered domain in the last 168 hours",
                    (probe, page, now) -> page.sample(probe.labels(), probe.domain(),
                            probe.cert().registeredDomainUsage().issuedInWindow())),
            cert("vigil_cert_registered_domain_tokens_left",
                    "New certificates the CA would issue now for names under the registered domain",
                    (probe, page, now) -> page.sample(probe.labels(), probe.domain(),
                            probe.cert().registeredDomainUsage().tokensLeft())),
            // One series per set of names served within the limit's window, the current one included: after a
            // fallback to a default certificate, the set the CA refuses stays in view.
            cert("vigil_cert_name_set_issued_168h",
                    "Certificates issued for each set of names the endpoint served in the last 168 hours, by set",
                    (probe, page, now) -> nameSets(probe, page, set -> set.usage().issuedInWindow())),
            cert("vigil_cert_name_set_tokens_left",
                    "New certificates the CA would issue now for each set of names the endpoint served lately, by set",
                    (probe, page, now) -> nameSets(probe, page, set -> set.noLimit() == null ? set.usage().tokensLeft()
                            : null)),
            cert("vigil_cert_name_set_next_token_timestamp_seconds",
                    "When one more certificate for each set of names the endpoint served lately becomes available",
                    (probe, page, now) -> nameSets(probe, page, set -> set.usage().nextTokenAt() == null ? null
                            : Series.seconds(set.usage().nextTokenAt()))),
            dns("vigil_dns_lb_mismatch", "1 when DNS answers addresses that are not the load balancer's, else 0",
                    (probe, page, dns) -> page.sample(probe.labels(), null, dns.lbMismatch() ? 1 : 0)),
            dns("vigil_dns_split_brain", "1 when the host's addresses serve different certificates, else 0",
                    (probe, page, dns) -> page.sample(probe.labels(), null, dns.splitBrain() ? 1 : 0)),
            dns("vigil_dns_record_ttl_seconds",
                    "TTL of the host's address records: time left in a recursive resolver's cache, the full TTL at an"
                            + " authoritative server",
                    (probe, page, dns) -> {
                        for (ResolverAnswer answer : dns.answers()) {
                            if (answer.error() == null) {
                                page.sample(probe.labels(), TextFormat.label("resolver", answer.resolver()),
                                        answer.ttlSeconds());
                            }
                        }
                    }),
            dns("vigil_dns_answer_matches_expected", "1 when the resolver answers only load-balancer addresses, else 0",
                    (probe, page, dns) -> {
                        if (!dns.expected().isEmpty()) {
                            Set<String> stale = DnsJudgement.stale(dns.answers(), dns.expected()).stream()
                                    .map(StaleAnswer::resolver).collect(Collectors.toSet());
                            for (ResolverAnswer answer : dns.answers()) {
                                boolean matches = answer.error() == null && !stale.contains(answer.resolver());
                                page.sample(probe.labels(), TextFormat.label("resolver", answer.resolver()),
                                        matches ? 1 : 0);
                            }
                        }
                    }),
            dns("vigil_lb_direct_success",
                    "1 when the host answered correctly at this load-balancer address, else 0",
                    (probe, page, dns) -> {
                        for (AddressCheck check : dns.direct()) {
                            page.sample(probe.labels(), TextFormat.label("address", check.address()),
                                    check.success() ? 1 : 0);
                        }
                    }));

    private CommonFamilies() {
    }

    /** blackbox_exporter's {@code probe_ip_protocol}: 4 or 6, 0 without an address. */
    private static int protocol(InetAddress address) {
        return address == null ? 0 : address instanceof Inet4Address ? 4 : 6;
    }

    /** A family of the last certificate seen at the endpoint, written only while one is known. */
    private static Family cert(String name, String help, Family.Samples samples) {
        return Family.gauge(name, help, (probe, page, now) -> {
            if (probe.cert().current() != null) {
                samples.write(probe, page, now);
            }
        });
    }

    @FunctionalInterface
    private interface DnsSamples {
        void write(Series probe, TextFormat page, DnsFacts dns) throws IOException;
    }

    /** A family of the DNS and load-balancer checks, written only for a probe with those checks. */
    private static Family dns(String name, String help, DnsSamples samples) {
        return Family.gauge(name, help, (probe, page, now) -> {
            if (probe.result().dns() != null) {
                samples.write(probe, page, probe.result().dns());
            }
        });
    }

    /** A sample per set of names served lately, labelled {@code names}; none where {@code value} is null. */
    private static void nameSets(Series probe, TextFormat page, Function<NameSetUsage, Number> value)
            throws IOException {
        for (int i = 0; i < probe.nameSets().size(); i++) {
            Number sample = value.apply(probe.cert().nameSets().get(i));
            if (sample != null) {
                page.sample(probe.labels(), probe.nameSets().get(i), sample.doubleValue());
            }
        }
    }

    private static Observation known(Series probe) {
        return probe.cert().current();
    }

    private static LimitUsage exact(Series probe) {
        return probe.cert().exactSet();
    }

    private static Map<FailureKind, String> kindLabels() {
        Map<FailureKind, String> labels = new EnumMap<>(FailureKind.class);
        for (FailureKind kind : FailureKind.values()) {
            labels.put(kind, TextFormat.label("kind", kind.id()));
        }
        return labels;
    }
}
