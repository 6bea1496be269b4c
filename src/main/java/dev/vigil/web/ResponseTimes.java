package dev.vigil.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A probe's response time over the last 24 hours on its page: a column per quarter-hour as tall as its runs' mean
 * (red when a run in it failed), on a scale up to the slowest quarter-hour; its text alternative says the range, the
 * slowest and the latest, and a table under it lists every quarter-hour that ran.
 */
final class ResponseTimes {
    private static final int HEIGHT = 40;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ResponseTimes() {
    }

    /** The text alternative of {@code runs}' response times, e.g. "Response time, last 24 h: ...". */
    static String describe(RunBuckets runs) {
        int slowest = -1;
        int fastest = -1;
        int latest = -1;
        long weighted = 0;
        long counted = 0;
        for (int i = 0; i < runs.size(); i++) {
            int mean = runs.meanMillis(i);
            if (mean < 0) {
                continue;
            }
            int count = runs.up(i) + runs.down(i);
            weighted += (long) mean * count;
            counted += count;
            slowest = slowest < 0 || mean > runs.meanMillis(slowest) ? i : slowest;
            fastest = fastest < 0 || mean < runs.meanMillis(fastest) ? i : fastest;
            latest = i;
        }
        if (counted == 0) {
            return "Response time, last 24 h: no runs with a known time";
        }
        return "Response time, last 24 h: mean " + Math.round((double) weighted / counted) + " ms over " + counted
                + " run" + (counted == 1 ? "" : "s") + "; quarter-hours from " + runs.meanMillis(fastest) + " ms to "
                + runs.meanMillis(slowest) + " ms, the slowest at " + MINUTE.format(startOf(runs, slowest))
                + "; the latest " + runs.meanMillis(latest) + " ms at " + MINUTE.format(startOf(runs, latest));
    }

    static void append(StringBuilder html, RunBuckets runs) {
        if (runs.totalUp() + runs.totalDown() == 0) {
            return;
        }
        int scale = 0;
        for (int i = 0; i < runs.size(); i++) {
            scale = Math.max(scale, runs.meanMillis(i));
        }
        String text = describe(runs);
        html.append("<section id=\"response-time\"><h2>Response time</h2><svg class=\"response-times\" role=\"img\"")
                .append(" aria-label=\"").append(text).append("\" viewBox=\"0 0 ").append(Math.max(1, runs.size()))
                .append(' ').append(HEIGHT).append("\" width=\"100%\" height=\"").append(HEIGHT * 2)
                .append("\" preserveAspectRatio=\"none\"><title>").append(text).append("</title>");
        for (int i = 0; i < runs.size(); i++) {
            int mean = runs.meanMillis(i);
            if (mean < 0) {
                continue;
            }
            // A quarter-hour that ran is never drawn flat: a sub-millisecond mean still shows as a stroke.
            long height = Math.max(1, Math.round((double) mean * HEIGHT / Math.max(1, scale)));
            html.append("<rect class=\"").append(runs.down(i) > 0 ? "down" : "up").append("\" x=\"").append(i)
                    .append("\" y=\"").append(HEIGHT - height).append("\" width=\"1\" height=\"").append(height)
                    .append("\"/>");
        }
        html.append("</svg><p class=\"muted\">Scale 0 to ").append(scale).append(" ms; 24 h ago on the left, now on")
                .append(" the right.</p>");
        table(html, runs);
        html.append("</section>\n");
    }

    private static void table(StringBuilder html, RunBuckets runs) {
        html.append("<details><summary>Every quarter-hour</summary><table class=\"response-times\"><thead><tr>")
                .append("<th scope=\"col\">From</th><th scope=\"col\">Runs</th><th scope=\"col\">Down</th>")
                .append("<th scope=\"col\">Mean</th></tr></thead><tbody>");
        for (int i = runs.size() - 1; i >= 0; i--) {
            int count = runs.up(i) + runs.down(i);
            if (count == 0) {
                continue;
            }
            int mean = runs.meanMillis(i);
            html.append("<tr><td>").append(MINUTE.format(startOf(runs, i))).append("</td><td>").append(count)
                    .append("</td><td>").append(runs.down(i)).append("</td><td>")
                    .append(mean < 0 ? "&ndash;" : mean + " ms").append("</td></tr>");
        }
        html.append("</tbody></table></details>");
    }

    private static Instant startOf(RunBuckets runs, int bucket) {
        return runs.start().plus(runs.width().multipliedBy(bucket));
    }
}
