package dev.vigil.cli;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import java.time.Clock;

/** What the commands need from outside, wired once in {@link Main} and replaced by fakes in tests. */
record CliContext(Clock clock, Resolver resolver, ConfigLoader configLoader, String userAgent) {
}
