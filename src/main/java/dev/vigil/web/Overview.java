package dev.vigil.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The list of probes at {@code /}: down ones first, then those not run yet, then the rest, each group in the order
 * given (a list with fast random access); filtered by a {@link ListQuery} from a plain GET form, {@value #PAGE_SIZE} rows a page. Only the rows shown
 * are built, so a page costs a pass over the probes plus its own rows, whatever their number.
 */
public final class Overview {
    public static final int PAGE_SIZE = 100;
    private static final ProbeState[] ORDER = {ProbeState.DOWN, ProbeState.UNKNOWN, ProbeState.UP};

    private Overview() {
    }

    /**
     * The list of a single agent's probes.
     *
     * @param probes every probe, in the order to show them within a state
     * @param row    the full row of a probe, asked for the rows of the page only
     */
    public static <T extends Listed> String render(Site site, ListQuery query, List<T> probes,
            Function<? super T, ProbeRow> row) {
        return render(site, query, probes, row, Fleet.NONE);
    }

    /**
     * The list of the probes of this agent and of its peers: with peers, each row says where it runs, the list can
     * be filtered by location and shard, and a peer's row links to the peer's own page.
     *
     * @param probes every probe, in the order to show them within a state
     * @param row    the full row of a probe, asked for the rows of the page only
     * @param fleet  the other agents whose probes are listed
     */
    public static <T extends Listed> String render(Site site, ListQuery query, List<T> probes,
            Function<? super T, ProbeRow> row, Fleet fleet) {
        int[] all = new int[ORDER.length];
        Where own = Where.of(site);
        // Each probe is matched once: a search compares text, and the rows are then taken state by state.
        BitSet matched = new BitSet(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            all[probes.get(i).state().ordinal()]++;
            if (query.matches(probes.get(i), own)) {
                matched.set(i);
            }
        }
        int matching = matched.cardinality();
        int pages = Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(query.page(), pages);
        List<ProbeRow> rows = page(probes, matched, (page - 1) * PAGE_SIZE, row);

        StringBuilder html = new StringBuilder(8192 + rows.size() * 1024);
        Frame.open(html, site, all[ProbeState.DOWN.ordinal()] + " down of " + probes.size() + " probes · Vigil",
                "probes", "Skip to the list");
        form(html, site, query, fleet.any() ? agents(own, fleet.peers()) : List.of());
        for (String notice : fleet.notices()) {
            html.append("<p class=\"peer-notice\" role=\"status\">").append(Html.escape(notice)).append("</p>\n");
        }
        html.append("<p class=\"summary\" id=\"summary\">").append(probes.size()).append(" probes: ");
        for (int i = 0; i < ORDER.length; i++) {
            html.append(i == 0 ? "" : ", ").append(all[ORDER[i].ordinal()]).append(' ').append(ORDER[i].id());
        }
        html.append(". ");
        if (matching == 0) {
            html.append("None matches.");
        } else {
            int from = (page - 1) * PAGE_SIZE + 1;
            html.append("Showing ").append(from).append("&ndash;").append(from + rows.size() - 1).append(" of ")
                    .append(matching).append(matching == probes.size() ? "." : " matching.");
        }
        html.append("</p>\n");
        table(html, site, rows, fleet.any() ? own : null);
        pager(html, site, query, page, pages);
        return Frame.close(html);
    }

    private static <T extends Listed> List<ProbeRow> page(List<T> probes, BitSet matched, int skip,
            Function<? super T, ProbeRow> row) {
        List<ProbeRow> rows = new ArrayList<>(Math.min(PAGE_SIZE, probes.size()));
        int seen = 0;
        for (ProbeState state : ORDER) {
            for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
                T probe = probes.get(i);
                if (probe.state() == state && seen++ >= skip) {
                    rows.add(row.apply(probe));
                    if (rows.size() == PAGE_SIZE) {
                        return rows;
                    }
                }
            }
        }
        return rows;
    }

    /** This agent and its peers, this one first. */
    private static List<Where> agents(Where own, List<Where> peers) {
        List<Where> agents = new ArrayList<>(peers.size() + 1);
        agents.add(own);
        agents.addAll(peers);
        return agents;
    }

    /** @param agents every agent whose probes are listed; empty for this one alone, which has nothing to select */
    private static void form(StringBuilder html, Site site, ListQuery query, List<Where> agents) {
        html.append("<form method=\"get\" action=\"").append(Html.escape(site.link("/")))
                .append("\" role=\"search\"><label>State <select name=\"state\"><option value=\"\">any</option>");
        for (ProbeState state : ORDER) {
            html.append("<option value=\"").append(state.id()).append(state == query.state() ? "\" selected>" : "\">")
                    .append(state.id()).append("</option>");
        }
        html.append("</select></label>");
        if (!agents.isEmpty()) {
            choice(html, "Location", "location", query.location(), agents.stream().map(Where::location).toList());
            choice(html, "Shard", "shard", query.shard(), agents.stream().map(Where::shard).toList());
        }
        html.append("<label>Label <input name=\"label\" placeholder=\"team:ops\" value=\"")
                .append(Html.escape(query.label())).append("\"></label><label>Search <input type=\"search\" name=\"q\"")
                .append(" placeholder=\"name, URL or label\" value=\"").append(Html.escape(query.text()))
                .append("\"></label><button type=\"submit\">Show</button></form>\n");
    }

    /**
     * A select of the distinct non-null {@code values}, in their order, the query's {@code selected} one selected;
     * nothing when there is none to select.
     */
    private static void choice(StringBuilder html, String label, String name, String selected, List<String> values) {
        List<String> distinct = values.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return;
        }
        html.append("<label>").append(label).append(" <select name=\"").append(name)
                .append("\"><option value=\"\">any</option>");
        for (String value : distinct) {
            html.append("<option value=\"").append(Html.escape(value)).append(value.equals(selected) ? "\" selected>"
                    : "\">").append(Html.escape(value)).append("</option>");
        }
        html.append("</select></label>");
    }

    /** @param own this agent, when the list has a Where column for rows of peers; null without one */
    private static void table(StringBuilder html, Site site, List<ProbeRow> rows, Where own) {
        html.append("<table id=\"probes\" aria-describedby=\"summary\"><thead><tr><th scope=\"col\">Probe</th>")
                .append(own == null ? "" : "<th scope=\"col\">Where</th>").append("<th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Cause</th><th scope=\"col\" class=\"wide\">Last 24 h</th>")
                .append("<th scope=\"col\">Response time</th></tr></thead><tbody>\n");
        for (ProbeRow row : rows) {
            Where where = row.where() == null ? own : row.where();
            html.append("<tr class=\"").append(row.state().id()).append(row.stale() == null ? "" : " stale")
                    .append("\" data-state=\"").append(row.state().id());
            if (where != null) {
                attribute(html, "data-agent", where.agent());
                attribute(html, "data-location", where.location());
                attribute(html, "data-shard", where.shard());
            }
            html.append(row.stale() == null ? "" : "\" data-stale=\"true").append("\"><th scope=\"row\"><a href=\"")
                    .append(Html.escape(where != null && where.peer() ? where.base() + probePath(row.name())
                            : site.link(probePath(row.name())))).append("\">").append(Html.escape(row.name()))
                    .append("</a><div class=\"url\">").append(Html.escape(row.url())).append("</div>");
            labels(html, row.labels());
            html.append("</th>");
            if (where != null) {
                where(html, where);
            }
            html.append("<td class=\"state\">").append(row.state().id()).append("</td><td class=\"cause\">");
            if (row.stale() != null) {
                html.append("<div class=\"muted stale\">").append(Html.escape(row.stale())).append("</div>");
            }
            html.append(Html.escape(row.cause())).append("</td><td class=\"wide\">");
            RunBar.append(html, row.runs());
            html.append("</td><td class=\"duration\">").append(row.lastDuration() == null ? "&ndash;"
                    : millis(row.lastDuration())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    /** {@code "name="value}, the opening quote already written, when {@code value} is not null. */
    private static void attribute(StringBuilder html, String name, String value) {
        if (value != null) {
            html.append("\" ").append(name).append("=\"").append(Html.escape(value));
        }
    }

    /** The cell naming the agent a row comes from, its location and shard. */
    static void where(StringBuilder html, Where where) {
        html.append("<td class=\"where\">").append(Html.escape(where.agent()));
        if (where.location() != null || where.shard() != null) {
            html.append("<div class=\"muted\">").append(Html.escape(where.location() == null ? "" : where.location()))
                    .append(where.location() != null && where.shard() != null ? " · " : "")
                    .append(where.shard() == null ? "" : "shard " + Html.escape(where.shard())).append("</div>");
        }
        html.append("</td>");
    }

    static void labels(StringBuilder html, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        html.append("<div class=\"labels\">");
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            html.append(first ? "" : " ").append(Html.escape(label.getKey())).append(':')
                    .append(Html.escape(label.getValue()));
            first = false;
        }
        html.append("</div>");
    }

    private static void pager(StringBuilder html, Site site, ListQuery query, int page, int pages) {
        if (pages == 1) {
            return;
        }
        html.append("<nav class=\"pages\" aria-label=\"pages\">");
        if (page > 1) {
            html.append("<a rel=\"prev\" href=\"").append(Html.escape(site.link("/?" + query.at(page - 1))))
                    .append("\">previous</a>");
        }
        html.append("<span>page ").append(page).append(" of ").append(pages).append("</span>");
        if (page < pages) {
            html.append("<a rel=\"next\" href=\"").append(Html.escape(site.link("/?" + query.at(page + 1))))
                    .append("\">next</a>");
        }
        html.append("</nav>\n");
    }

    /** The path of a probe's page, its name percent-encoded as one path segment. */
    public static String probePath(String name) {
        return "/probes/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A duration as people read a response time: {@code 87 ms}, {@code 1.25 s}. */
    static String millis(Duration duration) {
        long ms = duration.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
