package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The list of probes rendered from rows: order, filters, paging, escaping and the bar's text alternative. */
class OverviewTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Site SITE = new Site("", "agent-1", "eu-west", "1 of 2", NOW);
    private static final Pattern ROW = Pattern.compile("<tr class=\"(\\w+)\" data-state=\"\\w+\"><th scope=\"row\"><a "
            + "href=\"([^\"]*)\">([^<]*)</a>");

    private static ProbeRow row(String name, ProbeState state, Map<String, String> labels) {
        return new ProbeRow(name, "https://" + name + ".example/", state, state == ProbeState.DOWN
                ? "http_status: " + name + " answered 503" : null, Duration.ofMillis(87), labels, RunBuckets.NONE);
    }

    /** The probe names of the rendered rows, in order. */
    private static List<String> names(String html) {
        List<String> names = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            names.add(row.group(3));
        }
        return names;
    }

    private static String render(String query, List<ProbeRow> rows) {
        return Overview.render(SITE, ListQuery.parse(query), rows, r -> r);
    }

    private final List<ProbeRow> rows = List.of(
            row("shop", ProbeState.UP, Map.of("team", "shop")),
            row("api", ProbeState.DOWN, Map.of("team", "ops")),
            row("new", ProbeState.UNKNOWN, Map.of()),
            row("auth", ProbeState.UP, Map.of("team", "ops", "tier", "1")),
            row("billing", ProbeState.DOWN, Map.of("team", "shop")));

    @Test
    void downProbesComeFirstThenThoseNotRunThenTheRestEachInTheGivenOrder() {
        String html = render(null, rows);

        assertEquals(List.of("api", "billing", "new", "shop", "auth"), names(html));
        assertTrue(html.contains("5 probes: 2 down, 1 unknown, 2 up. Showing 1&ndash;5 of 5."), html);
        assertTrue(html.contains("<title>2 down of 5 probes · Vigil</title>"), html);
        assertTrue(html.contains("<td class=\"cause\">http_status: api answered 503</td>"), html);
        assertTrue(html.contains("<td class=\"duration\">87 ms</td>"), html);
        assertTrue(html.contains("<meta name=\"viewport\""), html);
        assertTrue(html.contains("<a class=\"skip\" href=\"#probes\">Skip to the list</a>"), html);
        assertTrue(html.contains("<table id=\"probes\" aria-describedby=\"summary\">"), html);
        assertTrue(html.contains("prefers-color-scheme:dark"), html);
        assertTrue(html.contains("agent agent-1 · location eu-west · shard 1 of 2"), html);
    }

    @Test
    void queriesFilterByStateLabelAndText() {
        record Case(String query, List<String> shown) {
        }
        List<Case> cases = List.of(
                new Case("state=down", List.of("api", "billing")),
                new Case("state=up", List.of("shop", "auth")),
                new Case("label=team%3Aops", List.of("api", "auth")),
                new Case("label=tier", List.of("auth")),
                new Case("label=team:shop&state=up", List.of("shop")),
                new Case("q=BILL", List.of("billing")),
                new Case("q=shop", List.of("billing", "shop")),
                new Case("q=.example%2F&state=unknown", List.of("new")),
                new Case("state=sideways", List.of("api", "billing", "new", "shop", "auth")),
                new Case("q=nothing-like-it", List.of()));
        for (Case c : cases) {
            assertEquals(c.shown(), names(render(c.query(), rows)), c.query());
        }
    }

    @Test
    void theFormKeepsTheQueryAndWorksWithoutScript() {
        String html = render("state=down&label=team%3Aops&q=a%22b", rows);

        assertTrue(html.contains("<form method=\"get\" action=\"/\" role=\"search\">"), html);
        assertTrue(html.contains("<option value=\"down\" selected>"), html);
        assertTrue(html.contains("name=\"label\" placeholder=\"team:ops\" value=\"team:ops\""), html);
        assertTrue(html.contains("value=\"a&quot;b\""), html);
        assertFalse(html.contains("<script"), html);
    }

    @Test
    void aPageShowsAHundredRowsAndLinksToItsNeighboursWithTheFilterKept() {
        List<ProbeRow> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(row("p" + i, ProbeState.UP, Map.of("team", "ops")));
        }
        AtomicInteger built = new AtomicInteger();

        String second = Overview.render(SITE, ListQuery.parse("label=team%3Aops&page=2"), many, r -> {
            built.incrementAndGet();
            return r;
        });

        assertEquals(100, names(second).size());
        assertEquals("p100", names(second).getFirst());
        assertEquals(100, built.get(), "rows built for one page");
        assertTrue(second.contains("Showing 101&ndash;200 of 250."), second);
        assertTrue(second.contains("<a rel=\"prev\" href=\"/?label=team%3Aops\">previous</a>"), second);
        assertTrue(second.contains("<a rel=\"next\" href=\"/?label=team%3Aops&amp;page=3\">next</a>"), second);
        assertEquals(List.of("p200", "p249"), List.of(names(render("page=3", many)).getFirst(),
                names(render("page=3", many)).getLast()));
        assertEquals("p200", names(render("page=99", many)).getFirst(), "a page past the end shows the last");
    }

    @Test
    void textTheTargetOrConfigControlsIsEscapedEverywhere() {
        ProbeRow hostile = new ProbeRow("<b>x", "https://e.example/?a=<script>alert(1)</script>", ProbeState.DOWN,
                "tls: certificate for <script>evil()</script>", null,
                Map.of("team", "<script>alert('label')</script>"), RunBuckets.NONE);

        String html = Overview.render(SITE, ListQuery.ALL, List.of(hostile), r -> r);

        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("team:&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;b&gt;x</a>"), html);
        assertTrue(html.contains("href=\"/probes/%3Cb%3Ex\""), html);
    }

    @Test
    void everyLinkCarriesThePrefix() {
        Site behind = new Site("/vigil", "agent-1", null, null, NOW);
        List<ProbeRow> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(row("p" + i, ProbeState.UP, Map.of()));
        }

        String html = Overview.render(behind, ListQuery.ALL, many, r -> r);

        assertTrue(html.contains("action=\"/vigil/\""), html);
        assertTrue(html.contains("href=\"/vigil/probes/p0\""), html);
        assertTrue(html.contains("href=\"/vigil/?page=2\""), html);
        Matcher links = Pattern.compile("(?:href|action)=\"([^\"#][^\"]*)\"").matcher(html);
        while (links.find()) {
            assertTrue(links.group(1).startsWith("/vigil/"), links.group(1));
        }
    }

    @Test
    void theBarOfRecentRunsHasATextAlternative() {
        int[] ups = new int[96];
        int[] downs = new int[96];
        ups[0] = 40;
        ups[95] = 7;
        downs[95] = 1;
        ProbeRow flaky = new ProbeRow("flaky", "https://f.example/", ProbeState.UP, null, null, Map.of(),
                RunBuckets.of(NOW.minus(Duration.ofHours(24)), RecentRuns.BUCKET, ups, downs));

        String html = Overview.render(SITE, ListQuery.ALL, List.of(flaky), r -> r);

        assertTrue(html.contains("role=\"img\" aria-label=\"Last 24 h: 48 runs, 47 up, 1 down\""), html);
        assertTrue(html.contains("<title>Last 24 h: 48 runs, 47 up, 1 down</title>"), html);
        assertTrue(html.contains("<rect class=\"up\" x=\"0\" width=\"1\" height=\"8\"/><rect class=\"none\" x=\"1\" "
                + "width=\"94\" height=\"8\"/><rect class=\"down\" x=\"95\" width=\"1\" height=\"8\"/></svg>"), html);
    }
}
