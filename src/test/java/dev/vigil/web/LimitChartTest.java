package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The duplicate-certificate limit of one set of names as a chart: its geometry, its sentence, its marks. */
class LimitChartTest {
    static final Instant NOW = Instant.parse("2026-12-02T13:24:00Z");
    static final List<String> PAIR = List.of("api.demo.test", "www.demo.test");
    static final Instant FREE = Instant.parse("2026-12-03T20:43:19Z");

    /** The incident: five certificates 30 minutes apart, none left until {@link #FREE}. */
    static NameSetUsage exhausted() {
        return new NameSetUsage(PAIR, false, NOW, new LimitUsage(5, 0, FREE, LimitUsage.Level.CRITICAL),
                issued(5), null);
    }

    static List<Instant> issued(int count) {
        return IntStream.range(0, count).mapToObj(i -> NOW.minus(Duration.ofMinutes(150 - 30L * i))).toList();
    }

    @Test
    void theChartSpansTheWindowToTheNextCertificateAndStepsUpOncePerCertificate() {
        LimitChart.Plot plot = LimitChart.plot(exhausted(), LimitPolicy.EXACT_SET, NOW);

        assertEquals(new TimeAxis(NOW.minus(Duration.ofHours(168)), FREE), plot.axis());
        assertEquals(5, plot.top());
        assertEquals(List.of(1, 2, 3, 4, 5), plot.marks().stream().map(LimitChart.Point::count).toList());
        assertEquals(issued(5), plot.marks().stream().map(LimitChart.Point::at).toList());
        assertEquals(FREE, plot.nextFree());
    }

    @Test
    void certificatesNotKeptCountFromTheStartAndTheTopFitsMoreThanTheCapacity() {
        NameSetUsage over = new NameSetUsage(PAIR, true, NOW, new LimitUsage(7, 0, FREE, LimitUsage.Level.CRITICAL),
                issued(2), null);

        LimitChart.Plot plot = LimitChart.plot(over, LimitPolicy.EXACT_SET, NOW);

        assertEquals(List.of(6, 7), plot.marks().stream().map(LimitChart.Point::count).toList());
        assertEquals(7, plot.top());
    }

    @Test
    void withoutACertificateToWaitForTheChartEndsNow() {
        NameSetUsage full = new NameSetUsage(PAIR, true, NOW, new LimitUsage(1, 5, null, LimitUsage.Level.OK),
                issued(1), null);

        LimitChart.Plot plot = LimitChart.plot(full, LimitPolicy.EXACT_SET, NOW);

        assertEquals(NOW, plot.axis().to());
        assertNull(plot.nextFree());
    }

    @Test
    void onlyASetTheCaLimitsAndThatCountedACertificateIsCharted() {
        LimitUsage none = new LimitUsage(0, 5, null, LimitUsage.Level.OK);

        assertTrue(LimitChart.charted(exhausted()));
        assertFalse(LimitChart.charted(new NameSetUsage(PAIR, true, NOW, none, List.of(), null)));
        assertFalse(LimitChart.charted(new NameSetUsage(List.of("6f3b.traefik.default"), true, NOW, none, List.of(),
                "self-signed")));
    }

    @Test
    void theSentenceSaysHowManyOfTheCapacityAreUsedAndWhenTheNextReturns() {
        LimitPolicy policy = LimitPolicy.EXACT_SET;
        Instant next = NOW.plus(Duration.ofHours(3));
        record Case(NameSetUsage set, String expected) {
        }
        for (Case c : List.of(
                new Case(exhausted(), "5 of 5 certificates for {api.demo.test, www.demo.test} used in the last 168 h:"
                        + " the CA refuses more until 2026-12-03 20:43 UTC"),
                new Case(new NameSetUsage(PAIR, true, NOW, new LimitUsage(3, 2, next, LimitUsage.Level.WARNING),
                        issued(3), null), "3 of 5 certificates for {api.demo.test, www.demo.test} used in the last"
                        + " 168 h; the next returns 2026-12-02 16:24 UTC"),
                // Tokens came back: more were issued in the window than are used now.
                new Case(new NameSetUsage(PAIR, true, NOW, new LimitUsage(5, 2, next, LimitUsage.Level.WARNING),
                        issued(5), null), "5 certificates for {api.demo.test, www.demo.test} issued in the last"
                        + " 168 h, 2 of 5 left; the next returns 2026-12-02 16:24 UTC"),
                new Case(new NameSetUsage(PAIR, true, NOW, new LimitUsage(1, 5, null, LimitUsage.Level.OK),
                        issued(1), null), "1 certificate for {api.demo.test, www.demo.test} issued in the last 168 h,"
                        + " 5 of 5 left"),
                new Case(new NameSetUsage(PAIR, true, NOW, new LimitUsage(150, 0, next, LimitUsage.Level.CRITICAL),
                        issued(100), null), "150 certificates for {api.demo.test, www.demo.test} issued in the last"
                        + " 168 h, 0 of 5 left: the CA refuses more until 2026-12-02 16:24 UTC; the last 100 are"
                        + " marked"))) {
            assertEquals(c.expected(), LimitChart.text(c.set(), policy));
        }
    }

    @Test
    void theChartMarksEachCertificateTheCapacityNowAndTheNextCertificateWithItsTextAlternative() {
        NameSetUsage odd = new NameSetUsage(List.of("<b>.example"), true, NOW,
                new LimitUsage(5, 0, FREE, LimitUsage.Level.CRITICAL), issued(5), null);
        StringBuilder html = new StringBuilder();

        LimitChart.append(html, odd, LimitPolicy.EXACT_SET, NOW);

        String svg = html.toString();
        String text = "5 of 5 certificates for {&lt;b&gt;.example} used in the last 168 h: the CA refuses more until"
                + " 2026-12-03 20:43 UTC";
        assertTrue(svg.startsWith("<svg class=\"limit\" role=\"img\" aria-label=\"" + text + "\""), svg);
        assertTrue(svg.contains("<title>" + text + "</title>"), svg);
        assertEquals(5, count(svg, "<circle class=\"issued\""), svg);
        assertEquals(1, count(svg, "<line class=\"capacity\""), svg);
        assertEquals(1, count(svg, "<line class=\"now\""), svg);
        assertTrue(svg.contains(">refused until 2026-12-03 20:43 UTC</text>"), svg);
        // The capacity is the plot's top, where the fifth certificate's mark is.
        assertTrue(svg.contains("<line class=\"capacity\" x1=\"0\" x2=\"100%\" y1=\"18\" y2=\"18\"/>"), svg);
        assertFalse(svg.contains("<b>"), svg);
    }

    static int count(String html, String part) {
        int count = 0;
        for (int at = html.indexOf(part); at >= 0; at = html.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
