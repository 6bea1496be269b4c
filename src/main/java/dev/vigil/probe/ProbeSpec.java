package dev.vigil.probe;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What one probe run needs, one record per probe kind: {@link HttpSpec} asks an HTTP(S) URL, {@link TlsSpec} only
 * handshakes (optionally after STARTTLS). The accessors here are what every kind has, so that the host checks, the
 * deadline backstop, certificate tracking and the outputs work on any kind without knowing it.
 */
public sealed interface ProbeSpec permits HttpSpec, TlsSpec {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The kind's name as config, JSON and docs spell it, e.g. {@code http}. */
    String kind();

    /** The target as configured: the {@code instance} label and how reports name the probe. */
    URI url();

    /** The host connected to (and named in SNI and verification). */
    default String host() {
        return url().getHost();
    }

    /** The TCP port connected to. */
    int port();

    /** Hard deadline for the whole run. */
    Duration timeout();

    /** Trust and expiry thresholds. */
    TlsOptions tls();

    /** Pinned addresses, as curl's {@code --resolve}. */
    List<AddressOverride> resolve();

    /** Restricts connections to IPv4 or IPv6. */
    IpFamily ipFamily();

    /** DNS and load-balancer checks; null for none. */
    DnsOptions dns();

    /**
     * This probe connecting to {@code address} for its host and port while SNI, Host and verification stay the host's,
     * with {@code timeout} and without DNS checks: how the host checks probe each address.
     */
    ProbeSpec pinnedTo(InetAddress address, Duration timeout);

    /** This probe as it is, with {@code timeout} and without DNS checks. */
    ProbeSpec unchecked(Duration timeout);
}
