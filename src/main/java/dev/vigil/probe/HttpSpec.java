package dev.vigil.probe;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The HTTP kind's probe: what to ask, how long it may take, and what counts as healthy.
 *
 * @param url          the target, {@code http} or {@code https}
 * @param method       HTTP method, e.g. GET
 * @param headers      extra request headers
 * @param timeout      hard deadline for the whole run: DNS, connect, TLS, headers, body and redirects
 * @param expect       what a healthy response looks like
 * @param tls          trust and expiry thresholds
 * @param maxBodyBytes the most body bytes read; a longer body fails the probe
 * @param resolve      pinned addresses, as curl's {@code --resolve}
 * @param ipFamily     restrict connections to IPv4 or IPv6
 * @param httpVersion  the HTTP version to ask for
 * @param dns          DNS and load-balancer checks; null for none (the name resolves as the system resolves it)
 */
public record HttpSpec(
        URI url,
        String method,
        List<Header> headers,
        Duration timeout,
        HttpExpectations expect,
        TlsOptions tls,
        long maxBodyBytes,
        List<AddressOverride> resolve,
        IpFamily ipFamily,
        HttpVersion httpVersion,
        DnsOptions dns) implements ProbeSpec {
    /** The kind's name ({@link #kind()}). */
    public static final String KIND = "http";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** The largest {@code maxBodyBytes} a config or flag may ask for: a health body is kilobytes, the heap is small. */
    public static final long MAX_BODY_BYTES = 8L << 20;

    public HttpSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(ipFamily, "ipFamily");
        Objects.requireNonNull(httpVersion, "httpVersion");
        headers = List.copyOf(headers);
        resolve = List.copyOf(resolve);
        UrlProblem problem = urlProblem(url);
        if (problem == UrlProblem.CREDENTIALS) {
            // Never echo the URL here: its user info is a credential.
            throw new IllegalArgumentException("credentials in the URL are not supported (they would be printed);"
                    + " send an Authorization header instead");
        }
        if (problem != null) {
            throw new IllegalArgumentException("not an absolute http(s) URL with a host: " + url);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (httpVersion == HttpVersion.HTTP_2 && (!resolve.isEmpty() || ipFamily != IpFamily.ANY)) {
            throw new IllegalArgumentException("HTTP/2 probes cannot be pinned to an address (resolve overrides or an IP"
                    + " family); pinned probes speak HTTP/1.1");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** Why a URL cannot be an HTTP probe's target; each surface (config, flags) words it its own way. */
    public enum UrlProblem {
        /** No scheme, or one other than http and https. */
        NOT_HTTP,
        NO_HOST,
        /** User info in the URL: a credential that every report would print. */
        CREDENTIALS
    }

    /** Why {@code url} cannot be an HTTP probe's target, or null when it can: the one home of that rule. */
    public static UrlProblem urlProblem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return UrlProblem.NOT_HTTP;
        }
        if (url.getHost() == null) {
            return UrlProblem.NO_HOST;
        }
        return url.getRawUserInfo() != null ? UrlProblem.CREDENTIALS : null;
    }

    /** A GET of {@code url} with every default. */
    public static HttpSpec of(URI url) {
        return new HttpSpec(url, "GET", List.of(), DEFAULT_TIMEOUT, HttpExpectations.DEFAULT, TlsOptions.DEFAULT,
                DEFAULT_MAX_BODY_BYTES, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int port() {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** Pinned requests speak HTTP/1.1 over the one address, whatever the version and family asked for. */
    @Override
    public HttpSpec pinnedTo(InetAddress address, Duration timeout) {
        return new HttpSpec(url, method, headers, TimeLeft.positive(timeout), expect, tls, maxBodyBytes,
                List.of(new AddressOverride(url.getHost(), port(), address)), IpFamily.ANY, HttpVersion.HTTP_1_1, null);
    }

    @Override
    public HttpSpec unchecked(Duration timeout) {
        return new HttpSpec(url, method, headers, TimeLeft.positive(timeout), expect, tls, maxBodyBytes, resolve,
                ipFamily, httpVersion, null);
    }
}
