package dev.vigil.output.prometheus;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes samples in the Prometheus text format 0.0.4 straight to a {@link Writer}, so a page of any size passes
 * through without being held in memory. A family's header goes out with its first sample: a family without samples
 * leaves no trace.
 */
final class TextFormat {
    private final Writer out;
    /** Label text every sample of the page carries after its own labels, e.g. the agent's location; null for none. */
    private final String everySample;
    private Family family;
    private boolean headerWritten;

    TextFormat(Writer out) {
        this(out, null);
    }

    /** @param everySample label text as {@link #label} writes it, which every sample carries; null for none */
    TextFormat(Writer out, String everySample) {
        this.out = out;
        this.everySample = everySample;
    }

    /** Makes {@code family} the one the following samples belong to. */
    void begin(Family family) {
        this.family = family;
        headerWritten = false;
    }

    /**
     * Writes one sample line: {@code labels}, the page's label for every sample and {@code more} are label text as
     * {@link #label} writes it, joined by commas; {@code more} may be null.
     */
    void sample(String labels, String more, String value) throws IOException {
        if (!headerWritten) {
            out.write(family.header());
            headerWritten = true;
        }
        out.write(family.name());
        // Without labels, as blackbox_exporter's /probe writes its samples: `probe_success 1`.
        if (!labels.isEmpty() || more != null || everySample != null) {
            out.write('{');
            out.write(labels);
            boolean first = labels.isEmpty();
            if (everySample != null) {
                out.write(first ? "" : ",");
                out.write(everySample);
                first = false;
            }
            if (more != null) {
                out.write(first ? "" : ",");
                out.write(more);
            }
            out.write('}');
        }
        out.write(' ');
        out.write(value);
        out.write('\n');
    }

    void sample(String labels, String more, double value) throws IOException {
        sample(labels, more, number(value));
    }

    /** {@code name="value"}, the value escaped as label values must be. */
    static String label(String name, String value) {
        StringBuilder text = new StringBuilder(name.length() + value.length() + 3).append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
        return text.append('"').toString();
    }

    /** Help text escaped as the format wants it: only backslash and newline. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Java's notation, e.g. {@code 1.0} or {@code 1.7955699E9}, which Prometheus parses; infinities its own way. */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        // Most samples of a page are 0 or 1 (success, verified, status classes): no conversion for those.
        if (value == 0 && Double.doubleToRawLongBits(value) == 0) {
            return "0.0";
        }
        return value == 1 ? "1.0" : Double.toString(value);
    }
}
