package dev.vigil.web;

/**
 * The bar of a probe's recent runs: a stroke per bucket, red when any run in it failed, green when all passed,
 * blank when none ran; with its text alternative, e.g. "Last 24 h: 96 runs, 95 up, 1 down".
 */
final class RunBar {
    private RunBar() {
    }

    /** The text alternative of {@code runs}. */
    static String describe(RunBuckets runs) {
        int up = runs.totalUp();
        int down = runs.totalDown();
        if (up + down == 0) {
            return "Last 24 h: no runs";
        }
        return "Last 24 h: " + (up + down) + " run" + (up + down == 1 ? "" : "s") + ", " + up + " up, " + down
                + " down";
    }

    private static String result(RunBuckets runs, int bucket) {
        return runs.down(bucket) > 0 ? "down" : runs.up(bucket) > 0 ? "up" : "none";
    }

    static void append(StringBuilder page, RunBuckets runs) {
        String text = describe(runs);
        page.append("<svg class=\"runs\" role=\"img\" aria-label=\"").append(text).append("\" viewBox=\"0 0 ")
                .append(Math.max(1, runs.size())).append(" 8\" width=\"192\" height=\"16\" preserveAspectRatio=\"none\">")
                .append("<title>").append(text).append("</title>");
        // One stroke per stretch of buckets alike: a steady day is one rect, not a hundred.
        for (int i = 0, end; i < runs.size(); i = end) {
            String result = result(runs, i);
            for (end = i + 1; end < runs.size() && result(runs, end).equals(result); end++) {
                // extends the stretch
            }
            page.append("<rect class=\"").append(result).append("\" x=\"").append(i).append("\" width=\"")
                    .append(end - i).append("\" height=\"8\"/>");
        }
        page.append("</svg>");
    }
}
