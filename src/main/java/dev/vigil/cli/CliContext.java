package dev.vigil.cli;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * What the commands need from outside, wired once in {@link Main} and replaced by fakes in tests.
 *
 * @param environment looks up environment variables, null when unset
 * @param tls         the TLS context webhook requests trust, asked for only by a command that sends (building the
 *                    JDK's default one reads its trust store: a good part of a one-shot run's start-up);
 *                    {@link SSLContext#getDefault()} in {@link Main}
 */
record CliContext(Clock clock, Resolver resolver, ConfigLoader configLoader, String userAgent,
        Function<String, String> environment, Supplier<SSLContext> tls) {
}
