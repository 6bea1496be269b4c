package dev.vigil.cert;

import dev.vigil.net.IpLiterals;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a certificate is served: host, port and the SNI name sent. Two probes of one endpoint share its history.
 *
 * @param host       host name or IP literal, lowercase
 * @param port       TCP port
 * @param serverName the SNI name sent in the handshake, lowercase; empty when none is sent (an IP literal host)
 */
public record Endpoint(String host, int port, String serverName) {
    public Endpoint {
        host = host.toLowerCase(Locale.ROOT);
        serverName = serverName.toLowerCase(Locale.ROOT);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The endpoint an {@code https} URL reaches: its host and port (443 by default), SNI as the TLS client sends it. */
    public static Endpoint of(URI url) {
        String host = Objects.requireNonNull(url.getHost(), "url has no host");
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new Endpoint(bare, url.getPort() == -1 ? 443 : url.getPort(), IpLiterals.isLiteral(bare) ? "" : bare);
    }

    /**
     * The endpoint whose certificate a probe of {@code url} sees: the URL a run ended at (after redirects) when it got
     * that far, else the probe's own URL. Empty when that is not an {@code https} URL or a TLS probe's
     * {@code tls://host:port}.
     */
    public static Optional<Endpoint> servedAt(URI finalUrl, URI probeUrl) {
        URI url = finalUrl != null ? finalUrl : probeUrl;
        boolean handshakes = "https".equalsIgnoreCase(url.getScheme()) || "tls".equalsIgnoreCase(url.getScheme());
        return handshakes && url.getHost() != null ? Optional.of(of(url)) : Optional.empty();
    }

    /**
     * A stable, readable key, e.g. {@code api.example.com:443}, {@code 10.0.0.1:443}, or
     * {@code 10.0.0.1:8443 sni=api.example.com} when the SNI name is not the host's usual one.
     */
    public String key() {
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        boolean usualSni = serverName.equals(host) || serverName.isEmpty() && IpLiterals.isLiteral(host);
        return usualSni ? hostPort : hostPort + " sni=" + (serverName.isEmpty() ? "none" : serverName);
    }

    @Override
    public String toString() {
        return key();
    }
}
