package dev.vigil.web;

import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.time.Durations;
import dev.vigil.time.Moments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The duplicate-certificate limit of one set of names as a chart over the limit's window ending now, or at the
 * instant the next certificate returns when that is later: one mark per certificate the limit counts, the count
 * stepping up, the capacity, now and the next certificate's return. Its text alternative says the same in a sentence.
 */
final class LimitChart {
    static final int HEIGHT = 142;
    /** The plot's top and bottom, in pixels; labels of now, the axis and the next certificate around them. */
    private static final int TOP = 18;
    private static final int BOTTOM = 100;

    private LimitChart() {
    }

    /**
     * What the chart draws: the axis, the highest count on it, each counted certificate with the count after it, and
     * when the next certificate returns when that is after now.
     */
    record Plot(TimeAxis axis, int top, List<Point> marks, Instant nextFree) {
    }

    /** A certificate counted, issued at {@code at}, and the count in the window once it was. */
    record Point(Instant at, int count) {
    }

    /** Whether {@code set} gets a chart: the CA's limit applies to it and counts at least one certificate. */
    static boolean charted(NameSetUsage set) {
        return set.uncounted() == null && set.usage().issuedInWindow() > 0;
    }

    /** The plot of {@code set}'s usage of {@code policy} at {@code now}. */
    static Plot plot(NameSetUsage set, LimitPolicy policy, Instant now) {
        LimitUsage usage = set.usage();
        Instant next = usage.nextTokenAt() != null && usage.nextTokenAt().isAfter(now) ? usage.nextTokenAt() : null;
        // The instants kept are the last ones: those before them count from the start.
        int count = Math.max(0, usage.issuedInWindow() - set.issued().size());
        List<Point> marks = new ArrayList<>(set.issued().size());
        for (Instant at : set.issued()) {
            marks.add(new Point(at, ++count));
        }
        return new Plot(TimeAxis.over(now.minus(policy.window()), next == null ? now : next),
                Math.max(policy.capacity(), usage.issuedInWindow()), marks, next);
    }

    /**
     * The chart's text alternative, e.g. {@code 5 of 5 certificates for {a.example, b.example} used in the last 168 h:
     * the CA refuses more until 2026-12-03 20:43 UTC}.
     */
    static String text(NameSetUsage set, LimitPolicy policy) {
        LimitUsage usage = set.usage();
        int used = policy.capacity() - usage.tokensLeft();
        String window = " in the last " + Durations.period(policy.window());
        String head = used == usage.issuedInWindow()
                ? used + " of " + policy.capacity() + " certificates for " + set.namesText() + " used" + window
                : usage.issuedInWindow() + " certificate" + (usage.issuedInWindow() == 1 ? "" : "s") + " for "
                        + set.namesText() + " issued" + window + ", " + usage.tokensLeft() + " of "
                        + policy.capacity() + " left";
        String next = usage.nextTokenAt() == null ? ""
                : usage.tokensLeft() == 0 ? ": the CA refuses more until " + Moments.minute(usage.nextTokenAt())
                : "; the next returns " + Moments.minute(usage.nextTokenAt());
        String marked = set.issued().size() < usage.issuedInWindow()
                ? "; the last " + set.issued().size() + " are marked" : "";
        return head + next + marked;
    }

    static void append(StringBuilder html, NameSetUsage set, LimitPolicy policy, Instant now) {
        Plot plot = plot(set, policy, now);
        TimeAxis axis = plot.axis();
        String text = Html.escape(text(set, policy));
        html.append("<svg class=\"limit\" role=\"img\" aria-label=\"").append(text)
                .append("\" width=\"100%\" height=\"").append(HEIGHT).append("\"><title>").append(text)
                .append("</title>");
        axis.append(html, TOP, BOTTOM);
        Svg.line(html, "base", "0", "100%", BOTTOM, BOTTOM);
        int capacity = y(policy.capacity(), plot.top());
        Svg.line(html, "capacity", "0", "100%", capacity, capacity);
        Svg.text(html, "note", "0", capacity - 3, "start", "limit " + policy.capacity());
        String x = "0";
        int y = y(plot.marks().isEmpty() ? 0 : plot.marks().getFirst().count() - 1, plot.top());
        for (Point mark : plot.marks()) {
            String markX = axis.x(mark.at());
            int markY = y(mark.count(), plot.top());
            Svg.line(html, "used", x, markX, y, y);
            Svg.line(html, "used", markX, markX, y, markY);
            x = markX;
            y = markY;
        }
        Svg.line(html, "used", x, axis.x(now), y, y);
        for (Point mark : plot.marks()) {
            html.append("<circle class=\"issued\" cx=\"").append(axis.x(mark.at())).append("\" cy=\"")
                    .append(y(mark.count(), plot.top())).append("\" r=\"3\"><title>issued ")
                    .append(Moments.minute(mark.at())).append("</title></circle>");
        }
        Svg.line(html, "now", axis.x(now), axis.x(now), TOP - 6, BOTTOM);
        Svg.text(html, "note", axis.x(now), TOP - 8, plot.nextFree() == null ? "end" : "middle", "now");
        if (plot.nextFree() != null) {
            String next = axis.x(plot.nextFree());
            Svg.line(html, "next", next, next, TOP - 6, BOTTOM + 16);
            Svg.text(html, "note", next, BOTTOM + 28, "end", (set.usage().tokensLeft() == 0 ? "refused until "
                    : "next returns ") + Moments.minute(plot.nextFree()));
        }
        html.append("</svg>");
    }

    /** The height of {@code count} on a plot whose highest count is {@code top}. */
    private static int y(int count, int top) {
        return BOTTOM - count * (BOTTOM - TOP) / top;
    }
}
