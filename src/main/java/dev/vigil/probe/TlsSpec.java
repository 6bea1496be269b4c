package dev.vigil.probe;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The TLS kind's probe ({@code check_ssl_cert}, blackbox_exporter's {@code tcp} prober with {@code tls: true}):
 * connect to {@code tls://host:port}, optionally speak a protocol's STARTTLS first, then handshake and judge the
 * certificate. No HTTP is spoken.
 *
 * @param url      the target, {@code tls://host:port}, nothing after the authority; the port is always written out
 *                 (a target given without one gets the STARTTLS protocol's usual port, else 443, before it gets here)
 * @param starttls the STARTTLS protocol's name ({@code smtp}, {@code imap}, ...), or null to handshake at once
 * @param timeout  hard deadline for the whole run: DNS, connect, STARTTLS and handshake
 * @param tls      trust and expiry thresholds
 * @param resolve  pinned addresses, as curl's {@code --resolve}
 * @param ipFamily restrict connections to IPv4 or IPv6
 * @param dns      DNS and load-balancer checks; null for none
 */
public record TlsSpec(URI url, String starttls, Duration timeout, TlsOptions tls,
        List<AddressOverride> resolve, IpFamily ipFamily, DnsOptions dns) implements ProbeSpec {
    /** The scheme of a TLS probe's URL. */
    public static final String SCHEME = "tls";
    /** The port of a {@code tls://} URL without one and without STARTTLS. */
    public static final int DEFAULT_PORT = 443;

    public TlsSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(ipFamily, "ipFamily");
        resolve = List.copyOf(resolve);
        checkUrl(url);
        if (url.getPort() < 1 || url.getPort() > 65535) {
            throw new IllegalArgumentException("a tls:// target needs a port within 1-65535: " + url);
        }
        if (starttls != null && !starttls.equals(starttls.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("STARTTLS protocol names are lower case: " + starttls);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * Checks that {@code url} is a {@code tls://host[:port]} target; the one home of that rule for config and flags.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting user info
     */
    public static void checkUrl(URI url) {
        if (!SCHEME.equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not a tls://host:port target: " + url);
        }
        if (url.getRawUserInfo() != null) {
            // Never echo the URL here: its user info would be a credential.
            throw new IllegalArgumentException("a tls:// target takes no user info (user@)");
        }
        if (!(url.getRawPath() == null || url.getRawPath().isEmpty()) || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException("a tls:// target is only tls://host:port, without a path, query or"
                    + " fragment: " + url);
        }
    }

    @Override
    public int port() {
        return url.getPort();
    }

    @Override
    public String kind() {
        return SCHEME;
    }

    @Override
    public TlsSpec pinnedTo(InetAddress address, Duration timeout) {
        return new TlsSpec(url, starttls, TimeLeft.positive(timeout), tls,
                List.of(new AddressOverride(url.getHost(), port(), address)), IpFamily.ANY, null);
    }

    @Override
    public TlsSpec unchecked(Duration timeout) {
        return new TlsSpec(url, starttls, TimeLeft.positive(timeout), tls, resolve, ipFamily, null);
    }
}
