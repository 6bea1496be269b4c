package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The section of a probe's page that compares what DNS answered the probe at each agent of the fleet that runs it:
 * per location, each resolver's addresses against the load balancer's, with the TTL each has left now. A peer's
 * answers are those of its last poll, marked when that is old.
 */
public final class Locations {
    private Locations() {
    }

    /** Appends the section as it stands at {@code now}; nothing when no peer runs the probe. */
    public static void append(StringBuilder html, Instant now, List<SeenFrom> seen) {
        if (seen.stream().noneMatch(from -> from.where().peer())) {
            return;
        }
        html.append("<section id=\"locations\"><h2>DNS from each location</h2><table><thead><tr>")
                .append("<th scope=\"col\">Location</th><th scope=\"col\">Resolver</th><th scope=\"col\">Answer</th>")
                .append("<th scope=\"col\">Matches the load balancer</th><th scope=\"col\">TTL left now</th></tr></thead>")
                .append("<tbody>");
        for (SeenFrom from : seen) {
            if (from.dns() == null || from.dns().answers().isEmpty()) {
                open(html, from, 1);
                html.append("<td colspan=\"4\" class=\"muted\">no DNS answers from its last run</td></tr>");
                continue;
            }
            List<DnsSeen.Answer> answers = from.dns().answers();
            for (int i = 0; i < answers.size(); i++) {
                DnsSeen.Answer answer = answers.get(i);
                if (i == 0) {
                    open(html, from, answers.size());
                } else {
                    html.append("<tr data-location=\"").append(Html.escape(location(from.where()))).append("\">");
                }
                html.append("<td>").append(Html.escape(answer.resolver())).append("</td><td>");
                if (answer.error() != null) {
                    html.append("<span class=\"state down\">").append(Html.escape(answer.error())).append("</span>");
                } else {
                    html.append(Html.escape(String.join(", ", answer.addresses())));
                }
                // What a resolver cached at the run is cached that much less now: a laptop there keeps it until then.
                long since = Math.max(0, Duration.between(from.dns().ranAt(), now).toSeconds());
                html.append("</td><td>").append(DnsSeen.matchCell(answer.matches())).append("</td><td>")
                        .append(answer.error() != null ? "&ndash;" : Math.max(0, answer.ttlSeconds() - since) + " s")
                        .append("</td></tr>");
            }
        }
        html.append("</tbody></table></section>\n");
    }

    /** The start of the first row of an agent: its location cell, spanning its {@code rows}. */
    private static void open(StringBuilder html, SeenFrom from, int rows) {
        Where where = from.where();
        html.append("<tr data-location=\"").append(Html.escape(location(where))).append("\" data-agent=\"")
                .append(Html.escape(where.agent())).append("\"><th scope=\"row\" rowspan=\"").append(rows)
                .append("\">").append(Html.escape(location(where))).append("<div class=\"muted\">")
                .append(where.peer() ? "agent " : "this agent, ").append(Html.escape(where.agent()));
        if (from.dns() != null) {
            html.append(", run ").append(from.dns().ranAt());
        }
        html.append("</div>");
        if (from.stale() != null) {
            html.append("<div class=\"muted stale\">").append(Html.escape(from.stale())).append("</div>");
        }
        html.append("</th>");
    }

    private static String location(Where where) {
        return where.location() == null ? "no location" : where.location();
    }
}
