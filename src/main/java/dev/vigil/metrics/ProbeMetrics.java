package dev.vigil.metrics;
import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.ProbeResult;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.*;
import java.util.concurrent.ConcurrentHashMap;
/** STUB */
public final class ProbeMetrics implements MultiCollector {
  private final ConcurrentHashMap<String, ProbeResult> m = new ConcurrentHashMap<>();
  public void record(ProbeConfig c, ProbeResult r) { m.put(c.name(), r); }
  public void remove(String n) { m.remove(n); }
  public MetricSnapshots collect() {
    var b = GaugeSnapshot.builder().name("probe_success").help("x");
    m.forEach((k,v)-> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("probe",k)).value(v.success()?1:0).build()));
    return new MetricSnapshots(b.build());
  }
}
