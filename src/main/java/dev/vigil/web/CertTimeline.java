package dev.vigil.web;

import dev.vigil.cert.CertChange;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An endpoint's certificate history on a probe's page: every certificate seen as a bar from notBefore to notAfter
 * (untrusted ones, such as an ingress's fallback, in red), the changes marked on the same axis, the certificates found
 * in Certificate Transparency but never seen, and the CA's duplicate-certificate limit with when the next certificate
 * is free. The tables under the chart say what it draws.
 */
final class CertTimeline {
    private static final int WIDTH = 600;
    private static final int ROW = 12;

    private CertTimeline() {
    }

    static void append(StringBuilder html, Instant now, EndpointHistory history, CertStatus status) {
        List<Observation> seen = history.observations();
        html.append("<section id=\"certificate-history\"><h2>Certificate history of ")
                .append(Html.escape(history.endpoint().key())).append("</h2>");
        if (!seen.isEmpty()) {
            chart(html, now, seen, history.changes());
            observations(html, seen);
        }
        changes(html, history.changes());
        unseen(html, history);
        if (history.ctFailure() != null) {
            html.append("<p>Certificate Transparency lookups fail since ").append(history.ctFailure().since())
                    .append(": ").append(Html.escape(history.ctFailure().message())).append("</p>");
        }
        limits(html, status);
        html.append("</section>\n");
    }

    private static void chart(StringBuilder html, Instant now, List<Observation> seen, List<CertChange> changes) {
        Instant from = seen.stream().map(Observation::notBefore).min(Instant::compareTo).orElseThrow();
        Instant to = seen.stream().map(Observation::notAfter).max(Instant::compareTo).orElseThrow();
        long span = Math.max(1, Duration.between(from, to).toSeconds());
        long untrusted = seen.stream().filter(o -> !o.verified()).count();
        String text = seen.size() + " certificate" + (seen.size() == 1 ? "" : "s") + " seen, valid from " + from
                + " to " + to + (untrusted == 0 ? "" : ", " + untrusted + " untrusted") + "; " + changes.size()
                + " change" + (changes.size() == 1 ? "" : "s");
        int height = seen.size() * ROW + 4;
        html.append("<svg class=\"timeline\" role=\"img\" aria-label=\"").append(text).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"100%\" height=\"").append(height)
                .append("\" preserveAspectRatio=\"none\"><title>").append(text).append("</title>");
        for (int i = 0; i < seen.size(); i++) {
            Observation cert = seen.get(i);
            long x = x(cert.notBefore(), from, span);
            html.append("<rect class=\"").append(cert.verified() ? "up" : "down").append("\" x=\"").append(x)
                    .append("\" y=\"").append(i * ROW + 2).append("\" width=\"")
                    .append(Math.max(1, x(cert.notAfter(), from, span) - x)).append("\" height=\"").append(ROW - 3)
                    .append("\"/>");
        }
        for (CertChange change : changes) {
            mark(html, x(change.at(), from, span), height, "change");
        }
        if (!now.isBefore(from) && !now.isAfter(to)) {
            mark(html, x(now, from, span), height, "now");
        }
        html.append("</svg><p class=\"muted\">").append(from).append(" to ").append(to)
                .append("; blue lines mark changes, the dark one now.</p>");
    }

    private static void mark(StringBuilder html, long x, int height, String kind) {
        html.append("<line class=\"").append(kind).append("\" x1=\"").append(x).append("\" x2=\"").append(x)
                .append("\" y1=\"0\" y2=\"").append(height).append("\" stroke-width=\"2\"/>");
    }

    private static long x(Instant at, Instant from, long span) {
        return Math.clamp(Duration.between(from, at).toSeconds(), 0, span) * WIDTH / span;
    }

    private static void observations(StringBuilder html, List<Observation> seen) {
        html.append("<table class=\"certificates\"><thead><tr><th scope=\"col\">Serial</th><th scope=\"col\">Issuer")
                .append("</th><th scope=\"col\">Valid</th><th scope=\"col\">Served</th><th scope=\"col\">Trusted</th>")
                .append("</tr></thead><tbody>");
        for (Observation cert : seen) {
            html.append("<tr><td>").append(Html.escape(cert.serialHex())).append("<div class=\"muted\">")
                    .append(Html.escape(String.join(", ", cert.sans()))).append("</div></td><td>")
                    .append(Html.escape(cert.issuer())).append("</td><td>").append(cert.notBefore()).append(" to ")
                    .append(cert.notAfter()).append("</td><td>").append(cert.firstSeen()).append(" to ")
                    .append(cert.lastSeen()).append("</td><td>").append(cert.verified() ? "yes"
                            : "<strong class=\"state down\">no</strong>").append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void changes(StringBuilder html, List<CertChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        html.append("<table class=\"changes\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Change</th>")
                .append("<th scope=\"col\">What</th></tr></thead><tbody>");
        for (CertChange change : changes) {
            html.append("<tr data-kind=\"").append(change.kind().id()).append("\"><td>").append(change.at())
                    .append("</td><td>").append(change.kind().id()).append("</td><td>")
                    .append(Html.escape(change.message())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    /** Certificates CT logs list for these names that the endpoint never served: issued, then lost. */
    private static void unseen(StringBuilder html, EndpointHistory history) {
        List<Issuance> unseen = history.ctIssuances().stream().filter(issuance -> history.observations().stream()
                .noneMatch(o -> o.serialHex().equals(issuance.serialHex()))).toList();
        if (unseen.isEmpty()) {
            return;
        }
        html.append("<p>Found in Certificate Transparency but never served here:</p><ul class=\"ct\">");
        for (Issuance issuance : unseen) {
            html.append("<li>").append(Html.escape(issuance.serialHex())).append(", issued ")
                    .append(issuance.notBefore()).append(", for ")
                    .append(Html.escape(String.join(", ", issuance.sans()))).append("</li>");
        }
        html.append("</ul>");
    }

    private static void limits(StringBuilder html, CertStatus status) {
        if (status == null || status.nameSets().isEmpty()) {
            return;
        }
        html.append("<h3>Duplicate-certificate limit</h3><table class=\"limits\"><thead><tr><th scope=\"col\">Names")
                .append("</th><th scope=\"col\">Issued in the window</th><th scope=\"col\">Left</th>")
                .append("<th scope=\"col\">Next one free</th></tr></thead><tbody>");
        for (NameSetUsage set : status.nameSets()) {
            LimitUsage usage = set.usage();
            html.append("<tr data-level=\"").append(usage.level().name().toLowerCase(Locale.ROOT))
                    .append("\"><td>").append(Html.escape(set.namesText()))
                    .append(set.current() ? " <span class=\"muted\">(served now)</span>" : "").append("</td><td>")
                    .append(usage.issuedInWindow()).append("</td><td>").append(usage.tokensLeft()).append("</td><td>")
                    .append(usage.nextTokenAt() == null ? "&ndash;" : usage.nextTokenAt().toString())
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }
}
