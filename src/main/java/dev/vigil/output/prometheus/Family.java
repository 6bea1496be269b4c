package dev.vigil.output.prometheus;

import java.io.IOException;
import java.time.Instant;

/**
 * One metric family, a gauge: its name, its {@code # HELP} and {@code # TYPE} lines, and how a probe's series write
 * their samples of it. The info families are gauges of value 1 whose labels carry the information, as
 * blackbox_exporter writes them. Families are owned by the probe kinds that have them ({@link HttpFamilies}) or
 * shared by every kind ({@link CommonFamilies}); {@link Families} orders them on the page.
 *
 * @param header written before the family's first sample
 */
record Family(String name, String header, Samples samples) {
    /** Writes one probe's samples of the family, if it has any, as of {@code now}. */
    @FunctionalInterface
    interface Samples {
        void write(Series probe, TextFormat page, Instant now) throws IOException;
    }

    static Family gauge(String name, String help, Samples samples) {
        return new Family(name, "# HELP " + name + " " + TextFormat.escapeHelp(help) + "\n# TYPE " + name + " gauge\n",
                samples);
    }
}
