package dev.vigil.output.prometheus;

/**
 * The metric families, all gauges: blackbox_exporter's names and help texts, then Vigil's own. The info families are
 * gauges of value 1 whose labels carry the information, as blackbox_exporter writes them. The {@code vigil_cert_}
 * families describe the last certificate seen at the probe's endpoint, which stays known while handshakes fail.
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
    LAST_CHAIN("probe_ssl_last_chain_info", "Contains SSL leaf certificate information"),
    TLS_VERSION("probe_tls_version_info", "Returns the TLS version used or NaN when unknown"),
    CIPHER("probe_tls_cipher_info", "Returns the TLS cipher negotiated during handshake"),
    FAILURE_KIND("vigil_probe_failure_kind", "The failure kind of the probe's last run, or none if it passed"),
    LAST_RUN("vigil_probe_last_run_timestamp_seconds", "When the probe's last run started, in unixtime"),
    CERT_FIRST_SEEN("vigil_cert_first_seen_timestamp_seconds",
            "When Vigil first saw the endpoint's current certificate, in unixtime"),
    CERT_NOT_BEFORE("vigil_cert_not_before_timestamp_seconds",
            "Start of validity of the endpoint's current certificate, in unixtime"),
    CERT_NOT_AFTER("vigil_cert_not_after_timestamp_seconds",
            "Expiry of the endpoint's current certificate, in unixtime, kept while handshakes fail"),
    CERT_OBSERVATION_AGE("vigil_cert_observation_age_seconds",
            "Seconds since the endpoint's current certificate was last seen in a handshake"),
    DUPLICATE_SET_ISSUED("vigil_cert_duplicate_set_issued_168h",
            "Certificates issued for the current certificate's exact set of names in the last 168 hours"),
    DUPLICATE_SET_TOKENS("vigil_cert_duplicate_set_tokens_left",
            "New certificates the CA would issue now for the current certificate's exact set of names"),
    DUPLICATE_SET_NEXT_TOKEN("vigil_cert_duplicate_set_next_token_timestamp_seconds",
            "When one more certificate for the exact set of names becomes available, in unixtime"),
    DOMAIN_ISSUED("vigil_cert_registered_domain_issued_168h",
            "Certificates issued for names under the registered domain in the last 168 hours"),
    DOMAIN_TOKENS("vigil_cert_registered_domain_tokens_left",
            "New certificates the CA would issue now for names under the registered domain"),
    DNS_LB_MISMATCH("vigil_dns_lb_mismatch", "1 when DNS answers addresses that are not the load balancer's, else 0"),
    DNS_SPLIT_BRAIN("vigil_dns_split_brain", "1 when the host's addresses serve different certificates, else 0"),
    DNS_RECORD_TTL("vigil_dns_record_ttl_seconds",
            "TTL of the host's address records: time left in a recursive resolver's cache, the full TTL at an"
                    + " authoritative server"),
    DNS_ANSWER_MATCHES("vigil_dns_answer_matches_expected",
            "1 when the resolver answers only load-balancer addresses, else 0"),
    LB_DIRECT_SUCCESS("vigil_lb_direct_success", "1 when the host answered correctly at this load-balancer address, else 0");

    final String name;
    /** The family's {@code # HELP} and {@code # TYPE} lines, written before its first series. */
    final String header;

    Family(String name, String help) {
        this.name = name;
        this.header = "# HELP " + name + " " + TextFormat.escapeHelp(help) + "\n# TYPE " + name + " gauge\n";
    }
}
