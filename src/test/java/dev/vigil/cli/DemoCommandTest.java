package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code vigil demo --fast} in-process, end to end: every stage, in order, with what Vigil alerts at each, and the
 * demo ends on its own.
 */
class DemoCommandTest {
    private static final List<String> HEADINGS = List.of(
            "== Stage 1/5: healthy ==",
            "== Stage 2/5: the ingress restarts and gets a new certificate every time ==",
            "== Stage 3/5: the CA refuses; the ingress falls back to its default certificate ==",
            "== Stage 4/5: the load balancer is recreated; DNS still answers the old address ==",
            "== Stage 5/5: recovery ==");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theFastDemoShowsEachStageAndWhatVigilAlertsThere() {
        CliRun run = CliRun.vigil("demo", "--fast");

        assertEquals(0, run.exitCode(), run::toString);
        String out = run.stdout();
        assertTrue(out.contains("the agent's metrics are at http://127.0.0.1:"), out);
        int at = 0;
        for (String heading : HEADINGS) {
            int next = out.indexOf(heading, at);
            assertTrue(next > at, "'" + heading + "' after the previous stage in:\n" + out);
            at = next;
        }
        assertTrue(stage(out, 0).contains("Vigil says nothing: probe_success is 1."), stage(out, 0));
        assertTrue(stage(out, 1).contains("⚠️ Firing · api · certificate re-issued on every restart"), stage(out, 1));
        assertTrue(stage(out, 1).contains("its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not"
                + " persistent."), stage(out, 1));
        assertTrue(stage(out, 2).contains("🔴 Firing · api · certificate invalid"), stage(out, 2));
        assertTrue(stage(out, 2).contains("*The CA refuses new certificates for {api.demo.test, www.demo.test} until "),
                stage(out, 2));
        assertTrue(stage(out, 2).contains("so the ingress serves its default certificate."), stage(out, 2));
        assertTrue(stage(out, 3).contains("🔴 Firing · api · DNS not pointing at the load balancer"), stage(out, 3));
        assertTrue(stage(out, 3).contains("api.demo.test resolves to 127.0.0.1 but the load balancer (hostname"
                + " lb.demo.test) is "), stage(out, 3));
        assertTrue(stage(out, 3).contains(": update the A record."), stage(out, 3));
        assertTrue(stage(out, 4).contains("✅ Resolved · api · DNS not pointing at the load balancer"), stage(out, 4));
        assertTrue(out.contains("\nDone in "), out);
        assertTrue(!out.contains("NOT SEEN"), out);
    }

    /** The output of stage {@code index} (0 for the first), from its heading to the next one. */
    private static String stage(String out, int index) {
        int start = out.indexOf(HEADINGS.get(index));
        int end = index + 1 < HEADINGS.size() ? out.indexOf(HEADINGS.get(index + 1)) : out.length();
        return out.substring(start, end);
    }
}
