package dev.vigil.output.pushgateway;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the whole metrics page, in the Prometheus text format 0.0.4 and UTF-8, into {@code out}: what {@code /metrics}
 * serves. Called afresh for every push, so each push carries the latest values. The agent passes, e.g.
 *
 * <pre>{@code
 * out -> {
 *     registry.scrape(out, TEXT_FORMAT);
 *     Writer text = new PageText(out, 64 * 1024);
 *     probeMetrics.writeTo(text);
 *     text.flush();
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PageWriter {
    /** Writes the page; flushes what it buffers, and does not close {@code out}. */
    void writeTo(OutputStream out) throws IOException;
}
