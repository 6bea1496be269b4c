package dev.vigil.web;

/** The SVG elements the charts draw alike: a classed line and a classed label, placed by x (a length) and y. */
final class Svg {
    private Svg() {
    }

    static void line(StringBuilder html, String kind, String x1, String x2, int y1, int y2) {
        html.append("<line class=\"").append(kind).append("\" x1=\"").append(x1).append("\" x2=\"").append(x2)
                .append("\" y1=\"").append(y1).append("\" y2=\"").append(y2).append("\"/>");
    }

    /** A label reading from {@code x}, ending there, or centred on it ({@code anchor}: start, end, middle). */
    static void text(StringBuilder html, String kind, String x, int y, String anchor, String text) {
        html.append("<text class=\"").append(kind).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>");
    }
}
