package dev.vigil.output.pushgateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Renames the page's labels that the Pushgateway would overwrite. It sets {@code job} and every grouping label on each
 * series it stores, silently replacing a pushed label of the same name: Vigil's {@code instance="<probe URL>"} would
 * become the agent's host name, and two series differing only there would clash and fail the whole push. As Prometheus
 * does for a scrape with {@code honor_labels: false}, such a label becomes {@code exported_<name>}.
 */
final class ExportedLabels {
    private static final String PREFIX = "exported_";

    private ExportedLabels() {
    }

    /**
     * A stream that passes the page written to it on to {@code out} with each label named in {@code reserved} renamed
     * on every sample line, all else byte for byte. It works a line at a time, so the page is never held whole;
     * {@link OutputStream#close()} passes on an unfinished last line and closes {@code out}.
     */
    static OutputStream renaming(OutputStream out, Set<String> reserved) {
        return new Renaming(out, reserved);
    }

    /** Copies one line, renaming in its label set, if it is a sample line with one. */
    private static void line(String page, int from, int to, Set<String> reserved, StringBuilder out) {
        int brace = page.indexOf('{', from);
        int space = page.indexOf(' ', from);
        boolean labelled = brace >= 0 && brace < to && (space < 0 || brace < space);
        if (page.startsWith("#", from) || !labelled) {
            out.append(page, from, to);
            return;
        }
        out.append(page, from, brace + 1);
        int at = brace + 1;
        while (at < to && page.charAt(at) != '}') {
            int equals = page.indexOf('=', at);
            int open = equals < 0 ? -1 : page.indexOf('"', equals);
            if (open < 0 || open >= to) {
                break; // Not the text format: sent as it is, for the Pushgateway to say what is wrong.
            }
            if (reserved.contains(page.substring(at, equals).strip())) {
                out.append(PREFIX);
            }
            int close = closingQuote(page, open + 1, to);
            int next = close + 1 < to && page.charAt(close + 1) == ',' ? close + 2 : close + 1;
            out.append(page, at, next);
            at = next;
        }
        out.append(page, at, to);
    }

    /** The index of the quote ending a label value that starts at {@code from}, skipping escaped characters. */
    private static int closingQuote(String page, int from, int to) {
        int at = from;
        while (at < to - 1 && page.charAt(at) != '"') {
            at += page.charAt(at) == '\\' ? 2 : 1;
        }
        return Math.min(at, to - 1);
    }

    /** Collects one line, then writes it renamed. */
    private static final class Renaming extends OutputStream {
        private final OutputStream out;
        private final Set<String> reserved;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private final StringBuilder renamed = new StringBuilder(512);

        Renaming(OutputStream out, Set<String> reserved) {
            this.out = out;
            this.reserved = reserved;
        }

        @Override
        public void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                passOn();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int from = offset;
            for (int at = offset; at < offset + length; at++) {
                if (bytes[at] == '\n') {
                    line.write(bytes, from, at + 1 - from);
                    passOn();
                    from = at + 1;
                }
            }
            line.write(bytes, from, offset + length - from);
        }

        /** Flushes what was passed on; an unfinished line waits for the rest of it. */
        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try (out) {
                passOn();
            }
        }

        private void passOn() throws IOException {
            if (line.size() == 0) {
                return;
            }
            // ISO-8859-1 maps bytes to chars one to one, so UTF-8 in label values passes unchanged; the syntax is ASCII.
            String text = line.toString(StandardCharsets.ISO_8859_1);
            renamed.setLength(0);
            line(text, 0, text.length(), reserved, renamed);
            out.write(renamed.toString().getBytes(StandardCharsets.ISO_8859_1));
            line.reset();
        }
    }
}
