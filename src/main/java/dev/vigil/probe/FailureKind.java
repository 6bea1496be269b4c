package dev.vigil.probe;

/** The closed set of reasons a probe fails; {@link #id()} is the stable name used in JSON, metrics and config. */
public enum FailureKind {
    DNS("dns"),
    CONNECT_REFUSED("connect_refused"),
    CONNECT_TIMEOUT("connect_timeout"),
    TLS_HANDSHAKE("tls_handshake"),
    CERT_EXPIRED("cert_expired"),
    CERT_NOT_YET_VALID("cert_not_yet_valid"),
    CERT_UNTRUSTED("cert_untrusted"),
    CERT_HOSTNAME_MISMATCH("cert_hostname_mismatch"),
    TIMEOUT("timeout"),
    HTTP_STATUS("http_status"),
    BODY_MISMATCH("body_mismatch"),
    BODY_TOO_LARGE("body_too_large"),
    REDIRECT("redirect"),
    PROTOCOL("protocol"),
    /** DNS answers addresses other than the load balancer's. */
    DNS_LB_MISMATCH("dns_lb_mismatch"),
    /** The addresses of one name serve different certificates. */
    SPLIT_BRAIN("split_brain"),
    /** The server did not let a TLS probe's connection become TLS (STARTTLS not offered, refused, or garbled). */
    STARTTLS("starttls"),
    /**
     * Vigil itself failed during the run (out of file descriptors or memory, a bug): the target's state is unknown,
     * so the run cannot count as a success, and no target-side cause is claimed.
     */
    INTERNAL("internal");

    private final String id;

    FailureKind(String id) {
        this.id = id;
    }

    /** The snake_case name, e.g. {@code cert_untrusted}. */
    public String id() {
        return id;
    }
}
