package dev.vigil.output.prometheus;

import dev.vigil.cert.CertStatus;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The families of one run, as blackbox_exporter's {@code /probe} answers them: the same families and order as a
 * probe's on {@link ProbeMetrics}' page, but without the {@code probe} and {@code instance} labels, since the scraping
 * Prometheus attaches {@code instance} itself by relabeling ({@code __param_target} to {@code instance}).
 */
public final class ProbePage {
    private ProbePage() {
    }

    /**
     * Writes the run's families in the text format 0.0.4, leaving out families without samples; neither flushes nor
     * closes {@code out}.
     *
     * @param cert what is known about the endpoint's certificate after this run
     * @param now  the time of the page, for how old a last-seen certificate is
     */
    public static void writeTo(Writer out, ProbeSpec spec, ProbeResult result, CertStatus cert, Instant now)
            throws IOException {
        // One run's page: nothing to share its label text with.
        Series probe = Series.of(spec.kind(), "", result, cert, UnaryOperator.identity());
        TextFormat page = new TextFormat(out);
        for (Families.Entry entry : Families.PAGE) {
            page.begin(entry.family());
            if (entry.lists(probe)) {
                entry.family().samples().write(probe, page, now);
            }
        }
    }
}
