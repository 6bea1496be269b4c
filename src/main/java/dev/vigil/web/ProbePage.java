package dev.vigil.web;

import dev.vigil.alert.Notification;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page of one probe at {@code /probes/<name>}: its state and recent runs, the firing incident with its evidence and
 * what to do, the last run's phases and failure, the certificates it was served, and what DNS answered; the
 * endpoint's certificate history and the CA's limit.
 */
public final class ProbePage {
    private static final String[] PHASES = {"resolve", "connect", "tls", "processing", "transfer"};

    private ProbePage() {
    }

    /**
     * @param incidents    the last message of each alert of the probe firing now, the cause's first
     * @param last         the probe's last run, or null before its first
     * @param certificates the certificate history of each endpoint the probe reached and the CA's limit, or null when
     *                     none is known
     */
    public static String render(Site site, ProbeRow row, List<Notification> incidents, ProbeResult last,
            CertView certificates) {
        StringBuilder html = new StringBuilder(8192);
        Frame.open(html, site, row.name() + " is " + row.state().id() + " · Vigil", "probe", "Skip to the probe");
        html.append("<h2 id=\"probe\">").append(Html.escape(row.name())).append(" <span class=\"state ")
                .append(row.state().id()).append("\" data-state=\"").append(row.state().id()).append("\">")
                .append(row.state().id()).append("</span></h2><p class=\"url\">").append(Html.escape(row.url()))
                .append("</p>");
        Overview.labels(html, row.labels());
        RunBar.append(html, row.runs());
        ResponseTimes.append(html, row.runs());
        incidents(html, incidents);
        lastRun(html, site.now(), last);
        Locations.append(html, site.now(), row.elsewhere());
        if (certificates != null && !certificates.endpoints().isEmpty()) {
            CertTimeline.append(html, site.now(), certificates);
        }
        return Frame.close(html);
    }

    private static void incidents(StringBuilder html, List<Notification> incidents) {
        html.append("<section id=\"incident\"><h2>Incident</h2>");
        if (incidents.isEmpty()) {
            html.append("<p>No alert is firing.</p>");
        }
        for (Notification incident : incidents) {
            html.append("<article><p class=\"cause\"><strong>").append(Html.escape(incident.summary()))
                    .append("</strong></p><p class=\"muted\">").append(incident.severity().id()).append(" · ")
                    .append(incident.condition().id()).append(" · told ").append(incident.at()).append("</p>");
            list(html, "details", incident.details());
            if (!incident.symptoms().isEmpty()) {
                html.append("<p>It explains:</p>");
                list(html, "symptoms", incident.symptoms());
            }
            facts(html, incident.facts());
            html.append("</article>");
        }
        html.append("</section>\n");
    }

    private static void lastRun(StringBuilder html, Instant now, ProbeResult last) {
        html.append("<section id=\"last-run\"><h2>Last run</h2>");
        if (last == null) {
            html.append("<p>Not run yet.</p></section>\n");
            return;
        }
        html.append("<p>Started ").append(last.startedAt()).append(", took ").append(Overview.millis(last.duration()))
                .append(": ");
        if (last.success()) {
            html.append("<span class=\"state up\">passed</span>.</p>");
        } else {
            html.append("<span class=\"state down\">").append(last.failure().kind().id()).append("</span> <span")
                    .append(" class=\"failure\">").append(Html.escape(last.failure().message())).append("</span></p>");
        }
        list(html, "diagnosis", last.diagnosis());
        phases(html, last.phases());
        html.append("</section>\n");
        if (last.tls() != null && !last.tls().chain().isEmpty()) {
            certificates(html, now, last.tls().chain(), last.tls().verified(), last.tls().verifyError());
        }
        if (last.dns() != null) {
            dns(html, now, last.startedAt(), last.dns());
        }
    }

    private static void phases(StringBuilder html, Phases phases) {
        Duration[] took = {phases.resolve(), phases.connect(), phases.tls(), phases.processing(), phases.transfer()};
        long total = 0;
        StringBuilder text = new StringBuilder("Phases:");
        for (int i = 0; i < took.length; i++) {
            if (took[i] != null) {
                total += took[i].toNanos();
                text.append(' ').append(PHASES[i]).append(' ').append(Overview.millis(took[i])).append(',');
            }
        }
        if (total == 0) {
            return;
        }
        text.setLength(text.length() - 1);
        html.append("<svg class=\"phases\" role=\"img\" aria-label=\"").append(Html.escape(text.toString()))
                .append("\" viewBox=\"0 0 1000 10\" width=\"100%\" height=\"12\" preserveAspectRatio=\"none\"><title>")
                .append(Html.escape(text.toString())).append("</title>");
        long at = 0;
        int shown = 0;
        for (int i = 0; i < took.length; i++) {
            if (took[i] != null) {
                long width = took[i].toNanos() * 1000 / total;
                html.append("<rect class=\"phase").append(shown++ % 2 == 0 ? "" : " odd").append("\" x=\"").append(at)
                        .append("\" width=\"").append(Math.max(1, width)).append("\" height=\"10\"/>");
                at += width;
            }
        }
        html.append("</svg><table class=\"phases\"><thead><tr><th scope=\"col\">Phase</th><th scope=\"col\">Took")
                .append("</th></tr></thead><tbody>");
        for (int i = 0; i < took.length; i++) {
            if (took[i] != null) {
                html.append("<tr><td>").append(PHASES[i]).append("</td><td>").append(Overview.millis(took[i]))
                        .append("</td></tr>");
            }
        }
        html.append("</tbody></table>");
    }

    private static void certificates(StringBuilder html, Instant now, List<CertificateFacts> chain, boolean verified,
            String verifyError) {
        html.append("<section id=\"certificates\"><h2>Certificates served</h2><p>")
                .append(verified ? "The chain verified." : "The chain did not verify: " + Html.escape(verifyError))
                .append("</p><table><thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">Issuer</th>")
                .append("<th scope=\"col\">Valid</th></tr></thead><tbody>");
        for (CertificateFacts cert : chain) {
            html.append("<tr class=\"certificate\"><td>").append(Html.escape(cert.subject()));
            if (!cert.sans().isEmpty()) {
                html.append("<div class=\"muted\">").append(Html.escape(String.join(", ", cert.sans()))).append("</div>");
            }
            html.append("</td><td>").append(Html.escape(cert.issuer())).append("</td><td>");
            validity(html, now, cert.notBefore(), cert.notAfter());
            html.append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    /** A bar from notBefore to notAfter with now marked, and the same in words. */
    private static void validity(StringBuilder html, Instant now, Instant notBefore, Instant notAfter) {
        long span = Math.max(1, Duration.between(notBefore, notAfter).toSeconds());
        long elapsed = Math.clamp(Duration.between(notBefore, now).toSeconds(), 0, span);
        long daysLeft = Duration.between(now, notAfter).toDays();
        String text = notBefore + " to " + notAfter + ", " + (now.isAfter(notAfter) ? "expired "
                + -daysLeft + " days ago" : daysLeft + " days left");
        long x = elapsed * 200 / span;
        html.append("<svg role=\"img\" aria-label=\"").append(text).append("\" viewBox=\"0 0 200 10\" width=\"200\"")
                .append(" height=\"10\"><title>").append(text).append("</title><rect class=\"")
                .append(now.isAfter(notAfter) ? "down" : "up").append("\" width=\"200\" height=\"10\"/>")
                .append("<line class=\"now\" x1=\"").append(x).append("\" x2=\"").append(x)
                .append("\" y1=\"0\" y2=\"10\" stroke-width=\"2\"/></svg><div class=\"muted\">").append(text)
                .append("</div>");
    }

    private static void dns(StringBuilder html, Instant now, Instant ranAt, DnsFacts dns) {
        html.append("<section id=\"dns\"><h2>DNS of ").append(Html.escape(dns.host())).append("</h2><p>");
        if (!dns.expected().isEmpty()) {
            html.append("The load balancer's addresses: ").append(Html.escape(String.join(", ", dns.expected())));
            if (dns.expectedSource() != null) {
                html.append(" (").append(Html.escape(dns.expectedSource())).append(')');
            }
            html.append('.');
        } else if (dns.expectedError() != null) {
            html.append("The load balancer's addresses are not known: ").append(Html.escape(dns.expectedError()));
        } else {
            html.append("No load balancer is configured to compare with.");
        }
        if (dns.lbMismatch()) {
            html.append(" <strong class=\"state down\">DNS answers addresses that are not the load balancer's.</strong>");
        }
        html.append("</p><table><thead><tr><th scope=\"col\">Resolver</th><th scope=\"col\">Answer</th>")
                .append("<th scope=\"col\">Matches the load balancer</th><th scope=\"col\">TTL left now</th></tr>")
                .append("</thead><tbody>");
        long since = Math.max(0, Duration.between(ranAt, now).toSeconds());
        for (DnsFacts.ResolverAnswer answer : dns.answers()) {
            html.append("<tr><td>").append(Html.escape(answer.resolver()))
                    .append(answer.authoritative() ? " <span class=\"muted\">authoritative</span>" : "")
                    .append("</td><td>");
            if (answer.error() != null) {
                html.append("<span class=\"state down\">").append(Html.escape(answer.error())).append("</span>");
            } else {
                List<String> chain = new ArrayList<>(answer.cnames());
                chain.addAll(answer.addresses());
                html.append(String.join(" &rarr; ", chain.stream().map(Html::escape).toList()));
            }
            html.append("</td><td>").append(DnsSeen.matchCell(DnsSeen.matches(dns.expected(), answer)))
                    .append("</td><td>")
                    .append(answer.error() != null ? "&ndash;" : Math.max(0, answer.ttlSeconds() - since) + " s")
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void list(StringBuilder html, String id, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        html.append("<ul class=\"").append(id).append("\">");
        lines.forEach(line -> html.append("<li>").append(Html.escape(line)).append("</li>"));
        html.append("</ul>");
    }

    private static void facts(StringBuilder html, Map<String, String> facts) {
        if (facts.isEmpty()) {
            return;
        }
        html.append("<dl class=\"facts\">");
        facts.forEach((name, value) -> html.append("<dt>").append(Html.escape(name)).append("</dt><dd>")
                .append(Html.escape(value)).append("</dd>"));
        html.append("</dl>");
    }
}
