package dev.vigil.web;

import dev.vigil.cert.CertChange;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.time.Durations;
import dev.vigil.time.Moments;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The certificate history of each endpoint a probe reached, on its page: every certificate seen or found in
 * Certificate Transparency as a labelled bar from notBefore to notAfter ({@link TimelineBars}), the changes, and for
 * the endpoint the last run ended at, the CA's duplicate-certificate limit of each set of names
 * ({@link LimitChart}). The tables under the charts say what they draw.
 */
final class CertTimeline {
    private CertTimeline() {
    }

    static void append(StringBuilder html, Instant now, CertView view) {
        for (int i = 0; i < view.endpoints().size(); i++) {
            EndpointHistory history = view.endpoints().get(i);
            html.append("<section id=\"certificate-history").append(i == 0 ? "" : "-" + (i + 1))
                    .append("\" class=\"certificate-history\"><h2>Certificate history of ")
                    .append(Html.escape(history.endpoint().key())).append("</h2>");
            endpoint(html, now, history, view.policy());
            // The status is the last run's endpoint's, which comes first.
            if (i == 0) {
                limits(html, now, view.status(), view.policy());
            }
            html.append("</section>\n");
        }
        if (view.notShown() > 0) {
            html.append("<p class=\"muted\">This probe reached ").append(view.notShown()).append(" more endpoint")
                    .append(view.notShown() == 1 ? "" : "s").append(", not shown here.</p>");
        }
    }

    private static void endpoint(StringBuilder html, Instant now, EndpointHistory history, LimitPolicy policy) {
        List<TimelineBars.Bar> bars = TimelineBars.bars(history);
        if (!bars.isEmpty()) {
            TimeAxis whole = TimelineBars.axis(bars);
            TimeAxis zoom = TimelineBars.zoom(bars, whole, policy.window(), now);
            // Change lines crowd the whole axis when the zoom shows them apart.
            TimelineBars.append(html, "timeline", text(history), whole, bars, zoom == null ? history.changes()
                    : List.of(), now);
            html.append("<p class=\"muted\">").append(whole.from()).append(" to ").append(whole.to())
                    .append(zoom == null ? "; blue lines mark changes, the dark one now.</p>"
                            : "; the dark line marks now.</p>");
            if (zoom != null) {
                List<TimelineBars.Bar> recent = TimelineBars.recent(bars, policy.window(), now);
                List<Instant> starts = recent.stream().map(TimelineBars.Bar::notBefore).sorted().toList();
                String zoomed = recent.size() + " certificates issued in the last "
                        + Durations.period(policy.window()) + ", from " + Moments.minute(starts.getFirst()) + " to "
                        + Moments.minute(starts.getLast()) + ", zoomed on their starts";
                html.append("<h3>Issued in the last ").append(Durations.period(policy.window())).append("</h3>");
                TimelineBars.append(html, "timeline-zoom", zoomed, zoom, recent, history.changes(), now);
            }
        }
        if (!history.observations().isEmpty()) {
            observations(html, TimelineBars.seenShown(history));
        }
        changes(html, history.changes());
        unseen(html, history);
        if (history.ctFailure() != null) {
            html.append("<p>Certificate Transparency lookups fail since ").append(history.ctFailure().since())
                    .append(": ").append(Html.escape(history.ctFailure().message())).append("</p>");
        }
    }

    /**
     * The timeline's text alternative: how many certificates, from when to when, untrusted, changes, CT-only, and how
     * many of the oldest are not drawn.
     */
    static String text(EndpointHistory history) {
        List<Observation> seen = history.observations();
        int ctOnly = TimelineBars.ctOnly(history).size();
        int notShown = TimelineBars.notShown(history);
        String rest = (ctOnly == 0 ? "" : "; " + ctOnly + " found in Certificate Transparency, never served here")
                + (notShown == 0 ? "" : "; the oldest " + notShown + " are not drawn");
        int changes = history.changes().size();
        if (seen.isEmpty()) {
            return "no certificate seen" + rest;
        }
        Instant from = seen.stream().map(Observation::notBefore).min(Instant::compareTo).orElseThrow();
        Instant to = seen.stream().map(Observation::notAfter).max(Instant::compareTo).orElseThrow();
        long untrusted = seen.stream().filter(o -> !o.verified()).count();
        return seen.size() + " certificate" + (seen.size() == 1 ? "" : "s") + " seen, valid from " + from + " to " + to
                + (untrusted == 0 ? "" : ", " + untrusted + " untrusted") + "; " + changes + " change"
                + (changes == 1 ? "" : "s") + rest;
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

    /** The certificates CT logs list for the current names that the endpoint never served, as a list. */
    private static void unseen(StringBuilder html, EndpointHistory history) {
        List<Issuance> unseen = TimelineBars.ctShown(history);
        if (unseen.isEmpty()) {
            return;
        }
        html.append("<p>Found in Certificate Transparency but never served here:</p><ul class=\"ct\">");
        for (Issuance issuance : unseen) {
            html.append("<li>").append(Html.escape(issuance.serialHex())).append(", issued ")
                    .append(issuance.notBefore());
            if (issuance.notAfter() != null) {
                html.append(", valid until ").append(issuance.notAfter());
            }
            html.append(", for ").append(Html.escape(String.join(", ", issuance.sans()))).append("</li>");
        }
        html.append("</ul>");
    }

    private static void limits(StringBuilder html, Instant now, CertStatus status, LimitPolicy policy) {
        if (status == null || status.nameSets().isEmpty()) {
            return;
        }
        html.append("<h3>Duplicate-certificate limit</h3>");
        for (NameSetUsage set : status.nameSets()) {
            if (LimitChart.charted(set)) {
                LimitChart.append(html, set, policy, now);
            }
        }
        html.append("<table class=\"limits\"><thead><tr><th scope=\"col\">Names</th><th scope=\"col\">Issued in ")
                .append("the window</th><th scope=\"col\">Left</th><th scope=\"col\">Next one free</th></tr></thead>")
                .append("<tbody>");
        for (NameSetUsage set : status.nameSets()) {
            LimitUsage usage = set.usage();
            String level = set.uncounted() != null ? "none" : usage.level().name().toLowerCase(Locale.ROOT);
            html.append("<tr data-level=\"").append(level).append("\"><td>").append(Html.escape(set.namesText()))
                    .append(set.current() ? " <span class=\"muted\">(served now)</span>" : "").append("</td>");
            if (set.uncounted() != null) {
                html.append("<td colspan=\"3\">").append(Html.escape(set.noLimit())).append("</td></tr>");
                continue;
            }
            html.append("<td>").append(usage.issuedInWindow()).append("</td><td>").append(usage.tokensLeft())
                    .append("</td><td>")
                    .append(usage.nextTokenAt() == null ? "&ndash;" : usage.nextTokenAt().toString())
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }
}
