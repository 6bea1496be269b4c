package dev.vigil.discovery;

import dev.vigil.config.DiscoverySource;
import dev.vigil.config.ProbeTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Decides the discovered probes: from each source's routes, the objects it probes (opt-in or opt-out by annotation),
 * each host's probe (its template with the object's annotations over it, named
 * {@code <kind>/<namespace>/<name>/<host>}), and a host served by several objects probed once, by the first in
 * kind, namespace and name order. A bad annotation skips only the probes of its object. Pure.
 */
public final class Discovery {
    /**
     * The probes and what gives none.
     *
     * @param probes  the probes, sorted by name
     * @param skipped what gives no probe, and why, sorted by object
     */
    public record Result(List<DiscoveredProbe> probes, List<Skipped> skipped) {
        public static final Result EMPTY = new Result(List.of(), List.of());

        public Result {
            probes = List.copyOf(probes);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * One source and what its objects route.
     *
     * @param source the source
     * @param found  its objects' routes and what was skipped reading them
     */
    record Sourced(DiscoverySource source, Found found) {
        Sourced {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(found, "found");
        }
    }

    private Discovery() {
    }

    static Result decide(List<Sourced> sources) {
        return decide(sources, (source, route) -> probe(source.template(), route));
    }

    /**
     * As {@link #decide(List)}, each host's probe made by {@code make} (which may remember what it made before: the
     * same route of the same source gives the same probe).
     */
    static Result decide(List<Sourced> sources, BiFunction<DiscoverySource, Route, Outcome> make) {
        record Candidate(DiscoverySource source, Route route) {
        }
        List<Skipped> skipped = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (Sourced sourced : sources) {
            skipped.addAll(sourced.found().skipped());
            Set<ObjectRef> excluded = new LinkedHashSet<>();
            for (Route route : sourced.found().routes()) {
                String why = Annotations.excluded(route.annotations(), sourced.source().optIn());
                if (why == null) {
                    candidates.add(new Candidate(sourced.source(), route));
                } else if (excluded.add(route.source())) {
                    skipped.add(new Skipped(route.source(), null, List.of(why)));
                }
            }
        }
        candidates.sort(Comparator.comparing((Candidate c) -> c.route().host())
                .thenComparing(c -> c.route().source()));
        Map<String, DiscoveredProbe> byHost = new HashMap<>();
        List<DiscoveredProbe> probes = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Route route = candidate.route();
            DiscoveredProbe first = byHost.get(route.host());
            if (first != null) {
                skipped.add(new Skipped(route.source(), route.host(), List.of("the host is probed once, as "
                        + first.probe().name() + " of " + first.source())));
                continue;
            }
            switch (make.apply(candidate.source(), route)) {
                case Made made -> {
                    byHost.put(route.host(), made.probe());
                    probes.add(made.probe());
                }
                case Refused refused -> skipped.add(refused.skipped());
            }
        }
        probes.sort(Comparator.comparing(p -> p.probe().name()));
        skipped.sort(Comparator.comparing(Skipped::source).thenComparing(s -> Objects.requireNonNullElse(s.host(), "")));
        return new Result(probes, skipped);
    }

    /** One host's probe, or why it has none. */
    sealed interface Outcome permits Made, Refused {
    }

    /** The host's probe. */
    record Made(DiscoveredProbe probe) implements Outcome {
    }

    /** Why the host has none. */
    record Refused(Skipped skipped) implements Outcome {
    }

    private static String url(Route route) {
        return (route.https() ? "https" : "http") + "://" + route.host();
    }

    static Outcome probe(ProbeTemplate template, Route route) {
        Annotations.Read read = Annotations.read(route.annotations());
        if (!read.problems().isEmpty()) {
            return new Refused(new Skipped(route.source(), route.host(), read.problems()));
        }
        URI url;
        try {
            url = new URI(url(route) + read.path());
        } catch (URISyntaxException e) {
            return new Refused(new Skipped(route.source(), route.host(), List.of("annotation " + Annotations.PATH
                    + ": not a URL path: " + e.getReason() + " at index " + (e.getIndex() - url(route).length()))));
        }
        return switch (template.make(route.source().path() + "/" + route.host(), url, read.settings())) {
            case ProbeTemplate.Outcome.Made made -> new Made(new DiscoveredProbe(
                    Expected.expecting(made.probe(), route.expected()), route.source(), route.expected()));
            case ProbeTemplate.Outcome.Refused refused ->
                    new Refused(new Skipped(route.source(), route.host(), refused.problems()));
        };
    }
}
