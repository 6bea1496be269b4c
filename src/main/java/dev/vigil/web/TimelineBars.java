package dev.vigil.web;

import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An endpoint's certificates as bars from notBefore to notAfter, each labelled with its serial and how it came
 * (re-issue, renewal, fallback), on an axis with dates; and, when certificates started too close together to tell
 * apart on it (re-issued minutes apart, valid for months), a second chart zoomed on the starts of those issued in the
 * limit's window.
 */
final class TimelineBars {
    /** The most certificates seen, and found only in CT, drawn and listed per endpoint: the newest. */
    static final int SEEN_SHOWN = 40;
    static final int CT_SHOWN = 20;
    private static final int ROW = 28;
    /** Starts closer than this share of the whole axis are zoomed on. */
    private static final double CROWDED = 0.05;

    private TimelineBars() {
    }

    /**
     * One certificate's bar.
     *
     * @param kind     its class: {@code up} (seen, trusted), {@code down} (seen, untrusted) or {@code ct} (found in
     *                 Certificate Transparency, never served here)
     * @param notAfter when it expires; null when a CT log answer did not say
     * @param label    its serial, shortened, and how it came, e.g. {@code 5d16eefe… · re-issue}
     */
    record Bar(String kind, Instant notBefore, Instant notAfter, String label) {
    }

    /**
     * The bars of {@code history}: the certificates seen, oldest first, then those only CT knows, oldest first; the
     * newest {@value #SEEN_SHOWN} and {@value #CT_SHOWN} of them.
     */
    static List<Bar> bars(EndpointHistory history) {
        List<Bar> bars = new ArrayList<>();
        for (Observation cert : seenShown(history)) {
            Set<String> marks = new LinkedHashSet<>();
            for (CertChange change : history.changes()) {
                if (change.newSerial().equals(cert.serialHex())) {
                    marks.add(fallback(change.kind(), cert.verified()) ? "fallback (untrusted)" : name(change.kind()));
                }
            }
            if (!cert.verified() && marks.stream().noneMatch(mark -> mark.startsWith("fallback"))) {
                marks.add("untrusted");
            }
            if (cert == history.current()) {
                marks.add("served now");
            }
            bars.add(new Bar(cert.verified() ? "up" : "down", cert.notBefore(), cert.notAfter(), label(cert.serialHex(),
                    marks)));
        }
        for (Issuance issuance : ctShown(history)) {
            bars.add(new Bar("ct", issuance.notBefore(), issuance.notAfter(), label(issuance.serialHex(),
                    Set.of(issuance.notAfter() == null ? "found in CT, never served, end not known"
                            : "found in CT, never served"))));
        }
        return bars;
    }

    /** Certificates CT logs list for the current names that the endpoint never served: issued, then lost. */
    static List<Issuance> ctOnly(EndpointHistory history) {
        Set<String> served = history.observations().stream().map(Observation::serialHex).collect(Collectors.toSet());
        return history.ctIssuances().stream().filter(issuance -> !served.contains(issuance.serialHex())).toList();
    }

    /** The newest {@value #SEEN_SHOWN} certificates seen: a certificate changing every minute is seen by the thousand. */
    static List<Observation> seenShown(EndpointHistory history) {
        return newest(history.observations(), SEEN_SHOWN);
    }

    /** The newest {@value #CT_SHOWN} certificates only CT knows. */
    static List<Issuance> ctShown(EndpointHistory history) {
        return newest(ctOnly(history), CT_SHOWN);
    }

    /** How many certificates, seen or only in CT, are neither drawn nor listed. */
    static int notShown(EndpointHistory history) {
        return history.observations().size() - seenShown(history).size() + ctOnly(history).size()
                - ctShown(history).size();
    }

    private static <T> List<T> newest(List<T> oldestFirst, int count) {
        return oldestFirst.subList(Math.max(0, oldestFirst.size() - count), oldestFirst.size());
    }

    /** The axis of all bars: from the first start to the last end (or start, for a CT entry without one). */
    static TimeAxis axis(List<Bar> bars) {
        Instant from = bars.stream().map(Bar::notBefore).min(Instant::compareTo).orElseThrow();
        Instant to = bars.stream().map(bar -> bar.notAfter() == null ? bar.notBefore() : bar.notAfter())
                .max(Instant::compareTo).orElseThrow();
        return TimeAxis.over(from, to);
    }

    /**
     * The axis zoomed on the starts of the bars that started within {@code window} before {@code now}, when there are
     * two or more and they are too close together to tell apart on {@code whole}; null when there is nothing to zoom
     * on.
     */
    static TimeAxis zoom(List<Bar> bars, TimeAxis whole, Duration window, Instant now) {
        List<Instant> starts = recent(bars, window, now).stream().map(Bar::notBefore).sorted().toList();
        if (starts.size() < 2) {
            return null;
        }
        Duration span = Duration.between(starts.getFirst(), starts.getLast());
        if (span.toMillis() >= Duration.between(whole.from(), whole.to()).toMillis() * CROWDED) {
            return null;
        }
        Duration pad = span.dividedBy(8).compareTo(Duration.ofMinutes(1)) > 0 ? span.dividedBy(8)
                : Duration.ofMinutes(1);
        return TimeAxis.over(starts.getFirst().minus(pad), starts.getLast().plus(pad));
    }

    /** The bars that started within {@code window} before {@code now}. */
    static List<Bar> recent(List<Bar> bars, Duration window, Instant now) {
        Instant since = now.minus(window);
        return bars.stream().filter(bar -> bar.notBefore().isAfter(since) && !bar.notBefore().isAfter(now)).toList();
    }

    /**
     * Draws {@code bars} on {@code axis} as an SVG of class {@code svgClass} with text alternative {@code text}:
     * {@code changes} and {@code now} as vertical lines where the axis covers them.
     */
    static void append(StringBuilder html, String svgClass, String text, TimeAxis axis, List<Bar> bars,
            List<CertChange> changes, Instant now) {
        int plot = bars.size() * ROW;
        String escaped = Html.escape(text);
        html.append("<svg class=\"").append(svgClass).append("\" role=\"img\" aria-label=\"").append(escaped)
                .append("\" width=\"100%\" height=\"").append(plot + 18).append("\"><title>").append(escaped)
                .append("</title>");
        axis.append(html, 0, plot);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double start = axis.percent(bar.notBefore());
            // Without a known end, a CT entry is a sliver at its start.
            double end = bar.notAfter() == null ? Math.min(100, start + 0.5) : axis.percent(bar.notAfter());
            html.append("<rect class=\"").append(bar.kind()).append("\" x=\"").append(TimeAxis.length(start))
                    .append("\" y=\"").append(i * ROW + 15).append("\" width=\"")
                    .append(TimeAxis.length(Math.max(0.3, end - start))).append("\" height=\"10\"><title>")
                    .append(Html.escape(bar.label())).append(": ").append(bar.notBefore()).append(" to ")
                    .append(bar.notAfter() == null ? "?" : bar.notAfter()).append("</title></rect>");
            // A label reads from the bar's start, or ends there when the bar starts in the right half.
            boolean fromStart = start <= 55;
            Svg.text(html, "label", TimeAxis.length(start), i * ROW + 12, fromStart ? "start" : "end", bar.label());
        }
        for (CertChange change : changes) {
            if (axis.covers(change.at())) {
                mark(html, axis.x(change.at()), plot, "change");
            }
        }
        if (axis.covers(now)) {
            mark(html, axis.x(now), plot, "now");
        }
        html.append("</svg>");
    }

    private static void mark(StringBuilder html, String x, int height, String kind) {
        html.append("<line class=\"").append(kind).append("\" x1=\"").append(x).append("\" x2=\"").append(x)
                .append("\" y1=\"0\" y2=\"").append(height).append("\" stroke-width=\"2\"/>");
    }

    /** A change to an untrusted certificate of another issuer or names: the ingress fell back to its default. */
    private static boolean fallback(ChangeKind kind, boolean verified) {
        return !verified && (kind == ChangeKind.ISSUER_CHANGED || kind == ChangeKind.NAMES_CHANGED);
    }

    private static String name(ChangeKind kind) {
        return switch (kind) {
            case RENEWAL -> "renewal";
            case REISSUE -> "re-issue";
            case ISSUER_CHANGED -> "issuer changed";
            case NAMES_CHANGED -> "names changed";
            case EXPIRY_EARLIER -> "expires earlier";
        };
    }

    /** The first 8 hex digits of a longer serial and an ellipsis, then the marks: {@code 5d16eefe… · re-issue}. */
    static String label(String serialHex, Set<String> marks) {
        String serial = serialHex.length() > 10 ? serialHex.substring(0, 8) + "…" : serialHex;
        return marks.isEmpty() ? serial : serial + " · " + String.join(" · ", marks);
    }
}
