package dev.vigil.cli;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.time.Clock;
import java.util.function.Function;

/**
 * What the commands need from outside, wired once in {@link Main} and replaced by fakes in tests.
 *
 * @param environment looks up environment variables, null when unset
 */
record CliContext(Clock clock, Resolver resolver, ConfigLoader configLoader, String userAgent,
        Function<String, String> environment) {
}
