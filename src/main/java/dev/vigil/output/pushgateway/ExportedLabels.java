package dev.vigil.output.pushgateway;

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

    /** {@code page} with each label named in {@code reserved} renamed on every sample line; all else as it was. */
    static String rename(String page, Set<String> reserved) {
        StringBuilder out = new StringBuilder(page.length() + page.length() / 16);
        int from = 0;
        while (from < page.length()) {
            int newline = page.indexOf('\n', from);
            int to = newline < 0 ? page.length() : newline + 1;
            line(page, from, to, reserved, out);
            from = to;
        }
        return out.toString();
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
}
