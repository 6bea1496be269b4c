package dev.vigil.agent;

import dev.vigil.output.prometheus.ProbeMetrics;
import dev.vigil.output.pushgateway.PageWriter;
import dev.vigil.output.pushgateway.PushgatewayClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.vigil.text.PageText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The agent's page in the Prometheus text format 0.0.4: its own {@code vigil_} meters from Micrometer, then the
 * probes' families. What {@code /metrics} serves and what is pushed to a Pushgateway.
 */
record MetricsPage(PrometheusMeterRegistry registry, ProbeMetrics probeMetrics) implements PageWriter {
    static final String TEXT_FORMAT = PushgatewayClient.TEXT_FORMAT;

    /** Writes the page, streamed; flushes but does not close {@code out}. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        registry.scrape(out, TEXT_FORMAT);
        Writer text = new PageText(out, 64 * 1024);
        probeMetrics.writeTo(text);
        text.flush();
    }
}
