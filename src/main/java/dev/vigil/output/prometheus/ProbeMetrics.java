package dev.vigil.output.prometheus;

import dev.vigil.cert.CertStatus;
import dev.vigil.fleet.AgentIdentity;
import dev.vigil.probe.ProbeResult;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Each probe's latest result as Prometheus series named and labelled like blackbox_exporter's, plus Vigil's own
 * {@code vigil_probe_*} series, written in the text format by {@link #writeTo}. Between scrapes a probe costs one
 * entry holding its latest result and its label text; a scrape streams the page without building it in memory.
 *
 * <p>Every series carries {@code probe} (the probe's name), {@code instance} (its URL), the probe's own labels and,
 * when the agent has a location, that location: one label text for the whole page, written with each sample rather
 * than held by each probe's series. Safe for concurrent use.
 */
public final class ProbeMetrics {
    /** Sorted by probe name, so every page lists the probes in the same order. */
    private final Map<String, Series> latest = new ConcurrentSkipListMap<>();
    private final LabelTexts texts = new LabelTexts();
    private final Clock clock;
    /** The location's label name, null without a location; {@link #located} is its label text. */
    private final String locationLabel;
    private final String located;

    /** @param clock tells a scrape how old each last-seen certificate is */
    public ProbeMetrics(Clock clock) {
        this(clock, null);
    }

    /**
     * @param clock tells a scrape how old each last-seen certificate is
     * @param agent whose location, if it has one, every series carries; null for none
     */
    public ProbeMetrics(Clock clock, AgentIdentity agent) {
        this.clock = clock;
        boolean located = agent != null && agent.located();
        this.locationLabel = located ? agent.locationLabel() : null;
        this.located = located ? TextFormat.label(agent.locationLabel(), agent.location()) : null;
    }

    /**
     * Makes {@code result} the probe's latest, replacing its previous series, with {@code cert} as what is known
     * about its endpoint's certificate (also when this run saw none).
     *
     * @throws IllegalArgumentException when one of the probe's labels has a name Vigil sets itself
     */
    public void record(LabelledProbe probe, ProbeResult result, CertStatus cert) {
        latest.put(probe.name(), Series.of(unlocated(probe), result, cert, texts::of));
    }

    /**
     * {@code probe} without a label of the location's name, which the page writes with the agent's location: only a
     * discovered probe can have one, since the config refuses it on a configured probe.
     */
    private LabelledProbe unlocated(LabelledProbe probe) {
        if (locationLabel == null || !probe.labels().containsKey(locationLabel)) {
            return probe;
        }
        Map<String, String> labels = new TreeMap<>(probe.labels());
        labels.remove(locationLabel);
        return new LabelledProbe(probe.name(), probe.spec(), labels);
    }

    /**
     * Takes every series of the probe away, e.g. once it is no longer configured. A later {@link #record} for it brings
     * them back, so stop the probe's runs before removing it.
     */
    public void remove(String probeName) {
        latest.remove(probeName);
    }

    /**
     * Writes every probe family in the Prometheus text format 0.0.4, family by family in {@link Families}' order,
     * leaving out families without series. Neither flushes nor closes {@code out}: buffer it, since it gets many small writes.
     */
    public void writeTo(Writer out) throws IOException {
        // One copy of the references keeps every family of the page on the same results while probes go on recording.
        List<Series> probes = List.copyOf(latest.values());
        TextFormat page = new TextFormat(out, located);
        Instant now = clock.instant();
        for (Families.Entry entry : Families.PAGE) {
            page.begin(entry.family());
            for (Series probe : probes) {
                if (entry.lists(probe)) {
                    entry.family().samples().write(probe, page, now);
                }
            }
        }
    }
}
