package dev.vigil.output.prometheus;

import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.ProbeResult;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each probe's latest result as Prometheus series named and labelled like blackbox_exporter's, plus Vigil's own
 * {@code vigil_probe_*} series. Register it with a {@code PrometheusRegistry}; series are built only when scraped, so
 * between scrapes a probe costs one entry holding its latest result and labels.
 *
 * <p>Every series carries {@code probe} (the probe's name), {@code instance} (its URL) and the probe's own labels.
 * Safe for concurrent use.
 */
public final class ProbeMetrics implements MultiCollector {
    private final Map<String, Entry> latest = new ConcurrentHashMap<>();

    /**
     * Makes {@code result} the probe's latest, replacing its previous series.
     *
     * @throws IllegalArgumentException when one of the probe's labels has a name Vigil sets itself
     */
    public void record(ProbeConfig probe, ProbeResult result) {
        latest.put(probe.name(), new Entry(Scrape.labels(probe), result));
    }

    /**
     * Takes every series of the probe away, e.g. once it is no longer configured. A later {@link #record} for it brings
     * them back, so stop the probe's runs before removing it.
     */
    public void remove(String probeName) {
        latest.remove(probeName);
    }

    @Override
    public MetricSnapshots collect() {
        List<Entry> entries = new ArrayList<>(latest.values());
        // In label order every family's points arrive nearly sorted, which makes the snapshots' own sort cheap.
        entries.sort(Comparator.comparing(Entry::labels));
        Scrape scrape = new Scrape();
        for (Entry entry : entries) {
            scrape.add(entry.labels(), entry.result());
        }
        return scrape.snapshots();
    }

    private record Entry(Labels labels, ProbeResult result) {
    }
}
