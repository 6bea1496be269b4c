package dev.vigil.output.prometheus;

import io.prometheus.metrics.model.snapshots.MetricMetadata;

/**
 * The metric families: blackbox_exporter's names and help texts, then Vigil's own. All are gauges except the info
 * families, which are named without the {@code _info} suffix: client_java refuses it in a name, and the exposition
 * formats append it, so {@code probe_tls_version} is written as blackbox_exporter's {@code probe_tls_version_info}.
 */
enum Family {
    SUCCESS("probe_success", "Displays whether or not the probe was a success"),
    DURATION("probe_duration_seconds", "Returns how long the probe took to complete in seconds"),
    DNS_LOOKUP("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds"),
    STATUS_CODE("probe_http_status_code", "Response HTTP status code"),
    HTTP_VERSION("probe_http_version", "Returns the version of HTTP of the probe response"),
    REDIRECTS("probe_http_redirects", "The number of redirects"),
    CONTENT_LENGTH("probe_http_content_length", "Length of http content response"),
    SSL("probe_http_ssl", "Indicates if SSL was used for the final redirect"),
    PHASE_DURATION("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects"),
    FAILED_DUE_TO_REGEX("probe_failed_due_to_regex", "Indicates if probe failed due to regex"),
    EARLIEST_EXPIRY("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime"),
    LAST_CHAIN_EXPIRY("probe_ssl_last_chain_expiry_timestamp_seconds", "Returns last SSL chain expiry in timestamp"),
    // The info families.
    LAST_CHAIN("probe_ssl_last_chain", "Contains SSL leaf certificate information"),
    TLS_VERSION("probe_tls_version", "Returns the TLS version used or NaN when unknown"),
    CIPHER("probe_tls_cipher", "Returns the TLS cipher negotiated during handshake"),
    FAILURE_KIND("vigil_probe_failure_kind", "The failure kind of the probe's last run, or none if it passed"),
    LAST_RUN("vigil_probe_last_run_timestamp_seconds", "When the probe's last run started, in unixtime");

    final MetricMetadata metadata;

    Family(String name, String help) {
        this.metadata = new MetricMetadata(name, help);
    }
}
