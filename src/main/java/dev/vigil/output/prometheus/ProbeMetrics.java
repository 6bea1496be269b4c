package dev.vigil.output.prometheus;

import dev.vigil.cert.CertStatus;
import dev.vigil.probe.ProbeResult;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Each probe's latest result as Prometheus series named and labelled like blackbox_exporter's, plus Vigil's own
 * {@code vigil_probe_*} series, written in the text format by {@link #writeTo}. Between scrapes a probe costs one
 * entry holding its latest result and its label text; a scrape streams the page without building it in memory.
 *
 * <p>Every series carries {@code probe} (the probe's name), {@code instance} (its URL) and the probe's own labels.
 * Safe for concurrent use.
 */
public final class ProbeMetrics {
    /** Sorted by probe name, so every page lists the probes in the same order. */
    private final Map<String, Series> latest = new ConcurrentSkipListMap<>();
    private final LabelTexts texts = new LabelTexts();
    private final Clock clock;

    /** @param clock tells a scrape how old each last-seen certificate is */
    public ProbeMetrics(Clock clock) {
        this.clock = clock;
    }

    /**
     * Makes {@code result} the probe's latest, replacing its previous series, with {@code cert} as what is known
     * about its endpoint's certificate (also when this run saw none).
     *
     * @throws IllegalArgumentException when one of the probe's labels has a name Vigil sets itself
     */
    public void record(LabelledProbe probe, ProbeResult result, CertStatus cert) {
        latest.put(probe.name(), Series.of(probe, result, cert, texts::of));
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
        TextFormat page = new TextFormat(out);
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
