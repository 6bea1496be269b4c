package dev.vigil.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named probe template that {@code /probe?target=…&module=NAME} runs against the target it is given, as
 * blackbox_exporter's modules are: every setting of a probe but its name, URL and interval.
 *
 * @param name           the module's name, {@code [A-Za-z0-9._-]+}
 * @param template       the probe with every setting applied, its URL a placeholder of the module's kind
 * @param allowedTargets the targets it may be run against; empty takes none, since an open {@code /probe} would
 *                       be an open proxy for whoever can reach the agent
 */
public record ProbeModule(String name, ProbeConfig template, List<AllowedTarget> allowedTargets) {
    public ProbeModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        allowedTargets = List.copyOf(allowedTargets);
    }

    /** The module's kind, as {@link dev.vigil.probe.ProbeSpec#kind()} names it: {@code http} or {@code tls}. */
    public String kind() {
        return template.spec().kind();
    }

    /** The first entry of the allow-list that takes {@code target}, or empty when none does. */
    public Optional<AllowedTarget> allowing(URI target) {
        return allowedTargets.stream().filter(entry -> entry.allows(target)).findFirst();
    }
}
