package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The list with the probes of peers: the Where column, the location and shard filters, links and stale rows. */
class FleetOverviewTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Site SITE = new Site("/vigil", "a", "eu-west", "1/2", NOW);
    private static final Where US = new Where("b", "us-east", "2/2", "http://b.vigil:19115");
    private static final Where AP = new Where("c<", "ap-south", null, "https://c.example/vig\"il");
    private static final Pattern ROW = Pattern.compile("<tr class=\"[\\w ]+\" data-state=\"(\\w+)\" data-agent=\"([^\"]*)\""
            + "[^>]*><th scope=\"row\"><a href=\"([^\"]*)\">([^<]*)</a>");

    private static ProbeRow own(String name, ProbeState state) {
        return new ProbeRow(name, "https://" + name + "/", state, null, Duration.ofMillis(87), Map.of(),
                RunBuckets.NONE);
    }

    private static ProbeRow peer(Where where, String name, ProbeState state, String stale) {
        return new ProbeRow(name, "https://" + name + "/", state, null, null, Map.of("team", "x"), RunBuckets.NONE,
                where, stale, List.of());
    }

    private final List<ProbeRow> rows = List.of(own("shop", ProbeState.UP), own("api", ProbeState.DOWN),
            peer(US, "shop", ProbeState.UP, null), peer(US, "us-only", ProbeState.DOWN, null),
            peer(AP, "shop", ProbeState.UNKNOWN, "peer c< did not answer since 2026-12-02T11:50:00Z: HTTP 503"));

    private String render(String query) {
        return Overview.render(SITE, ListQuery.parse(query), rows, r -> r, new Fleet(List.of(US, AP),
                List.of("peer http://d:1 does not answer: connection refused")));
    }

    /** Each row as "agent name state href". */
    private static List<String> rows(String html) {
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            rows.add(row.group(2) + " " + row.group(4) + " " + row.group(1) + " " + row.group(3));
        }
        return rows;
    }

    @Test
    void everyRowSaysWhereItRunsAndAPeersLinksToThePeer() {
        String html = render("");

        assertEquals(List.of("a api down /vigil/probes/api", "b us-only down http://b.vigil:19115/probes/us-only",
                "c&lt; shop unknown https://c.example/vig&quot;il/probes/shop", "a shop up /vigil/probes/shop",
                "b shop up http://b.vigil:19115/probes/shop"), rows(html));
        assertTrue(html.contains("<th scope=\"col\">Where</th>"), html);
        assertTrue(html.contains("<td class=\"where\">b<div class=\"muted\">us-east · shard 2/2</div></td>"), html);
        assertTrue(html.contains("<td class=\"where\">a<div class=\"muted\">eu-west · shard 1/2</div></td>"), html);
        assertTrue(html.contains("data-agent=\"b\" data-location=\"us-east\" data-shard=\"2/2\""), html);
        assertTrue(html.contains("5 probes: 2 down, 1 unknown, 2 up."), html);
        assertTrue(html.contains("<p class=\"peer-notice\" role=\"status\">peer http://d:1 does not answer: "
                + "connection refused</p>"), html);
    }

    @Test
    void aStaleRowIsMarkedAndSaysWhy() {
        String html = render("");

        assertTrue(html.contains("<tr class=\"unknown stale\" data-state=\"unknown\" data-agent=\"c&lt;\" "
                + "data-location=\"ap-south\" data-stale=\"true\">"), html);
        assertTrue(html.contains("<td class=\"cause\"><div class=\"muted stale\">peer c&lt; did not answer since "
                + "2026-12-02T11:50:00Z: HTTP 503</div></td>"), html);
        assertEquals(1, html.split("data-stale=", -1).length - 1, html);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "location=us-east              | b us-only, b shop",
        "location=eu-west              | a api, a shop",
        "location=ap-south&state=up    | ''",
        "shard=2%2F2                   | b us-only, b shop",
        "shard=1/2&state=down          | a api",
        "location=mars                 | ''",
        "location=us-east&q=only       | b us-only"})
    void locationAndShardFilterWithTheOthers(String query, String shown) {
        List<String> names = rows(render(query)).stream().map(row -> row.substring(0, row.indexOf(' ', 
                row.indexOf(' ') + 1))).toList();

        assertEquals(shown.isEmpty() ? List.of() : List.of(shown.split(", ")), names, query);
    }

    @Test
    void theSelectsOfferTheLocationsAndShardsPresentAndKeepTheChoice() {
        String html = render("location=us-east&shard=2%2F2");

        assertTrue(html.contains("<label>Location <select name=\"location\"><option value=\"\">any</option>"
                + "<option value=\"eu-west\">eu-west</option><option value=\"us-east\" selected>us-east</option>"
                + "<option value=\"ap-south\">ap-south</option></select></label>"), html);
        assertTrue(html.contains("<label>Shard <select name=\"shard\"><option value=\"\">any</option>"
                + "<option value=\"1/2\">1/2</option><option value=\"2/2\" selected>2/2</option></select></label>"),
                html);
    }

    @Test
    void aPageLinkKeepsTheLocationAndShard() {
        List<ProbeRow> many = Stream.iterate(0, i -> i + 1).limit(150).map(i -> peer(US, "p" + i, ProbeState.UP,
                null)).toList();

        String html = Overview.render(SITE, ListQuery.parse("location=us-east&shard=2/2"), many, r -> r,
                new Fleet(List.of(US), List.of()));

        assertTrue(html.contains("<a rel=\"next\" href=\"/vigil/?location=us-east&amp;shard=2%2F2&amp;page=2\">"),
                html);
    }

    @Test
    void aSingleAgentsListHasNoWhereColumnNorFleetFilters() {
        String html = Overview.render(SITE, ListQuery.ALL, List.of(own("shop", ProbeState.UP)), r -> r);

        assertFalse(html.contains("Where"), html);
        assertFalse(html.contains("name=\"location\""), html);
        assertFalse(html.contains("data-agent"), html);
    }
}
