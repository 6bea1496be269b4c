package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A probe's response time over the day on its page: columns by mean, the words that say them, the table. */
class ResponseTimesTest {
    private static final Instant DAY_AGO = Instant.parse("2026-12-01T12:00:00Z");
    private static final Site SITE = new Site("", "agent-1", null, null, DAY_AGO.plus(Duration.ofHours(24)));

    private static String page(RunBuckets runs) {
        ProbeRow row = new ProbeRow("shop", "https://shop.example/", ProbeState.UP, null, Duration.ofMillis(40),
                Map.of(), runs);
        return ProbePage.render(SITE, row, List.of(), null, null);
    }

    private static RunBuckets buckets(int[] ups, int[] downs, int[] means) {
        return RunBuckets.of(DAY_AGO, RecentRuns.BUCKET, ups, downs, means);
    }

    @Test
    void eachQuarterHourThatRanIsAColumnAsTallAsItsMeanOnTheSlowestsScale() {
        int[] ups = new int[96];
        int[] downs = new int[96];
        int[] means = new int[96];
        Arrays.fill(means, -1);
        ups[10] = 30;
        means[10] = 50;
        ups[11] = 28;
        downs[11] = 2;
        means[11] = 200;
        ups[95] = 1;
        means[95] = 0;

        String html = page(buckets(ups, downs, means));

        assertTrue(html.contains("aria-label=\"Response time, last 24 h: mean 123 ms over 61 runs; quarter-hours from"
                + " 0 ms to 200 ms, the slowest at 2026-12-01 14:45 UTC; the latest 0 ms at 2026-12-02 11:45 UTC\""),
                html);
        Matcher columns = Pattern.compile("<rect class=\"(up|down)\" x=\"(\\d+)\" y=\"(\\d+)\" width=\"1\" height=\""
                + "(\\d+)\"/>").matcher(html.substring(html.indexOf("class=\"response-times\"")));
        StringBuilder seen = new StringBuilder();
        while (columns.find()) {
            seen.append(columns.group(1)).append('@').append(columns.group(2)).append('=').append(columns.group(4))
                    .append(' ');
        }
        assertEquals("up@10=10 down@11=40 up@95=1 ", seen.toString(), "a sub-millisecond mean still shows");
        assertTrue(html.contains("Scale 0 to 200 ms"), html);
        assertTrue(html.contains("<tr><td>2026-12-01 14:45 UTC</td><td>30</td><td>2</td><td>200 ms</td></tr>"), html);
    }

    @Test
    void runsWhoseTimesAreNotKnownAreCountedButNotDrawn() {
        int[] ups = new int[96];
        int[] means = new int[96];
        Arrays.fill(means, -1);
        ups[40] = 12;

        String html = page(buckets(ups, new int[96], means));

        assertTrue(html.contains("aria-label=\"Response time, last 24 h: no runs with a known time\""), html);
        assertTrue(html.contains("<td>12</td><td>0</td><td>&ndash;</td>"), html);
    }

    @Test
    void aProbeThatNeverRanHasNoChart() {
        assertFalse(page(RunBuckets.NONE).contains("response-time"));
    }
}
