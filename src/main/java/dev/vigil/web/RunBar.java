package dev.vigil.web;

/**
 * The bar of a probe's recent runs: one stroke per bucket, red when any run in it failed, green when all passed,
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

    static void append(StringBuilder page, RunBuckets runs) {
        String text = describe(runs);
        page.append("<svg class=\"runs\" role=\"img\" aria-label=\"").append(text).append("\" viewBox=\"0 0 ")
                .append(Math.max(1, runs.size())).append(" 8\" width=\"192\" height=\"16\" preserveAspectRatio=\"none\">")
                .append("<title>").append(text).append("</title>");
        for (int i = 0; i < runs.size(); i++) {
            String result = runs.down(i) > 0 ? "down" : runs.up(i) > 0 ? "up" : "none";
            page.append("<rect class=\"").append(result).append("\" x=\"").append(i)
                    .append("\" width=\".85\" height=\"8\"/>");
        }
        page.append("</svg>");
    }
}
