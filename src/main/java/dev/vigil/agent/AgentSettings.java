package dev.vigil.agent;

import dev.vigil.web.Site;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent runs.
 *
 * @param configFile          the config to load, watch and reload
 * @param listen              where the metrics and health endpoints listen; port 0 picks a free one
 * @param concurrency         most probe runs in flight at once
 * @param configCheckInterval how often the config file is checked for changes
 * @param stopGrace           how long a stop waits for runs in flight before cancelling them
 * @param stateDir            where the certificate history is kept
 * @param enableLifecycle     whether {@code POST /-/reload} is served ({@code --web.enable-lifecycle}); file
 *                            changes and SIGHUP reload either way
 * @param routePrefix         the path every endpoint is served under ({@code --web.route-prefix}), e.g. {@code /vigil},
 *                            without a trailing {@code /}; empty for the root
 * @param peerInterval        how often the peers of {@code agent.peers} are polled for their probes
 */
public record AgentSettings(Path configFile, InetSocketAddress listen, int concurrency, Duration configCheckInterval,
        Duration stopGrace, Path stateDir, boolean enableLifecycle, String routePrefix, Duration peerInterval) {
    public static final int DEFAULT_CONCURRENCY = 128;
    public static final Duration DEFAULT_CONFIG_CHECK_INTERVAL = Duration.ofSeconds(5);
    /**
     * Leaves 2 s of the 5 s a service manager is promised for the rest of the shutdown (0.5 s of bounded steps) and
     * the JVM's own exit: with 4 s, a stop on a loaded 2-core machine was measured at 4.4 s, too close to the promise.
     */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(3);

    public AgentSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(configCheckInterval, "configCheckInterval");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(stateDir, "stateDir");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        Objects.requireNonNull(routePrefix, "routePrefix");
        Objects.requireNonNull(peerInterval, "peerInterval");
        if (!routePrefix.isEmpty() && !Site.pathPrefix(routePrefix).equals(Optional.of(routePrefix))) {
            throw new IllegalArgumentException("not a route prefix such as /vigil: " + routePrefix);
        }
    }

    /** Peers polled every {@link Peers#INTERVAL}. */
    public AgentSettings(Path configFile, InetSocketAddress listen, int concurrency, Duration configCheckInterval,
            Duration stopGrace, Path stateDir, boolean enableLifecycle, String routePrefix) {
        this(configFile, listen, concurrency, configCheckInterval, stopGrace, stateDir, enableLifecycle, routePrefix,
                Peers.INTERVAL);
    }

    /** Endpoints served at the root. */
    public AgentSettings(Path configFile, InetSocketAddress listen, int concurrency, Duration configCheckInterval,
            Duration stopGrace, Path stateDir, boolean enableLifecycle) {
        this(configFile, listen, concurrency, configCheckInterval, stopGrace, stateDir, enableLifecycle, "");
    }
}
