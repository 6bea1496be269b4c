package dev.vigil.agent;

import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.TlsSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/** The pure rules of a {@code /probe} request: what its {@code target} means and how long the run may take. */
final class ProbeTarget {
    /** What a run leaves of Prometheus' scrape timeout, so that its answer arrives before Prometheus gives up. */
    static final Duration TIMEOUT_OFFSET = Duration.ofMillis(500);
    /** The scrape timeout assumed without Prometheus' header, as blackbox_exporter assumes it. */
    static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(120);

    private ProbeTarget() {
    }

    /**
     * The URL {@code target} names for a module of {@code kind}. As blackbox_exporter does, a target without
     * {@code http://} or {@code https://} gets {@code http://} in an http module ({@code host:port} or {@code host});
     * in a tls module a target without {@code tls://} gets it, the port defaulting later to the module's.
     *
     * @throws IllegalArgumentException saying why, never quoting user info
     */
    static URI url(String target, String kind) {
        String lower = target.toLowerCase(Locale.ROOT);
        String written = switch (kind) {
            case HttpSpec.KIND -> lower.startsWith("http://") || lower.startsWith("https://") ? target : "http://" + target;
            case TlsSpec.SCHEME -> lower.startsWith("tls://") ? target : "tls://" + target;
            default -> throw new IllegalArgumentException("modules of the " + kind + " kind take no target");
        };
        URI url;
        try {
            url = new URI(written);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target is not a valid URL: " + e.getReason() + " at index "
                    + e.getIndex());
        }
        if (url.getRawUserInfo() != null) {
            // Never echo this target: its user info is a credential.
            throw new IllegalArgumentException("target must not contain credentials (user:password@)");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("target has no host");
        }
        boolean extra = url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawPath() != null && !url.getRawPath().isEmpty();
        if (kind.equals(TlsSpec.SCHEME) && extra) {
            // Not quoted: a query may carry a token.
            throw new IllegalArgumentException("a tls module's target is host[:port] only, without a path or query");
        }
        return url;
    }

    /**
     * How long the run may take: the module's timeout, unless Prometheus' scrape timeout less
     * {@link #TIMEOUT_OFFSET} is shorter (blackbox_exporter's rule), and never more than {@code ceiling}.
     *
     * @param header the {@code X-Prometheus-Scrape-Timeout-Seconds} header, or null
     * @throws IllegalArgumentException when the header is not a number of seconds
     */
    static Duration timeout(Duration module, String header, Duration ceiling) {
        Duration scrape = DEFAULT_SCRAPE_TIMEOUT;
        if (header != null && !header.isBlank()) {
            double seconds;
            try {
                seconds = Double.parseDouble(header.strip());
            } catch (NumberFormatException e) {
                seconds = Double.NaN;
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("X-Prometheus-Scrape-Timeout-Seconds is not a positive number of"
                        + " seconds");
            }
            scrape = Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0));
        }
        Duration left = scrape.minus(TIMEOUT_OFFSET);
        Duration timeout = left.isNegative() || left.isZero() || module.compareTo(left) < 0 ? module : left;
        return timeout.compareTo(ceiling) > 0 ? ceiling : timeout;
    }
}
