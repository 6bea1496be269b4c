import com.sun.management.ThreadMXBean;
import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CertStatus;
import dev.vigil.config.ProbeConfig;
import dev.vigil.output.prometheus.ProbeMetrics;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.web.Fleet;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Listed;
import dev.vigil.web.Overview;
import dev.vigil.web.PeerRow;
import dev.vigil.web.ProbeRow;
import dev.vigil.web.ProbeState;
import dev.vigil.web.RecentRuns;
import dev.vigil.web.Site;
import dev.vigil.web.Where;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * For bench/statuspage.sh: renders the status page's list of N synthetic probes (1 in 50 down, with a cause; labels;
 * a full day of runs each at a 30 s interval) and, as the anchor, writes the /metrics families of the same probes.
 * Prints, per case, the median time and the bytes allocated per render over ITERATIONS renders after as many warm-up
 * ones, and the ratio of each to the anchor's time.
 * Usage: java -cp target/vigil.jar:CLASSES StatusPage N ITERATIONS
 */
public class StatusPage {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    /** The size of the page rendered last. */
    private static int pageBytes;

    /** A probe as the agent's board holds it: config, recent runs, last result. */
    record Probe(ProbeConfig config, RecentRuns runs, ProbeResult last) implements Listed {
        public String name() {
            return config.name();
        }

        public String url() {
            return config.spec().url().toString();
        }

        public ProbeState state() {
            return ProbeState.of(last.success());
        }

        public Map<String, String> labels() {
            return config.labels();
        }
    }

    interface Render {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        Random random = new Random(42);
        List<Probe> probes = new ArrayList<>(n);
        ProbeMetrics metrics = new ProbeMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < n; i++) {
            String name = "svc-" + i;
            ProbeConfig config = new ProbeConfig(name, Duration.ofSeconds(30),
                    Map.of("team", "team-" + i % 40, "tier", Integer.toString(i % 3)),
                    HttpSpec.of(URI.create("https://" + name + ".prod.example.com/healthz")), CertSettings.DEFAULT);
            boolean down = i % 50 == 0;
            RecentRuns runs = new RecentRuns();
            for (Instant at = NOW.minus(Duration.ofHours(24)); at.isBefore(NOW); at = at.plusSeconds(30)) {
                runs.add(at, !down || random.nextInt(10) > 0, Duration.ofMillis(20 + random.nextInt(200)));
            }
            ProbeResult last = new ProbeResult(NOW.minusSeconds(10), Duration.ofMillis(20 + random.nextInt(200)),
                    down ? new Failure(FailureKind.HTTP_STATUS, "https://" + name + ".prod.example.com/healthz "
                            + "answered 503, expected 2xx; body starts: upstream connect error") : null,
                    null, null, Phases.NONE, null, List.of());
            probes.add(new Probe(config, runs, last));
            metrics.record(config.labelled(), last, CertStatus.UNKNOWN);
        }
        Site site = new Site("", "bench", "eu-west", null, NOW);
        Render anchor = () -> {
            Writer out = Writer.nullWriter();
            metrics.writeTo(out);
            out.flush();
        };
        double anchorMs = measure("anchor: /metrics families of " + n + " probes", iterations, anchor, 0);
        measure("overview, first page", iterations, () -> render(site, probes, ""), anchorMs);
        measure("overview, page 50", iterations, () -> render(site, probes, "page=50"), anchorMs);
        measure("overview, search q=svc-99 (all probes scanned)", iterations,
                () -> render(site, probes, "q=svc-99"), anchorMs);
        measure("overview, state=down&label=tier:1", iterations,
                () -> render(site, probes, "state=down&label=tier%3A1"), anchorMs);
        // The fleet view: the same probes at two peers besides this agent, 3 N rows listed.
        List<Listed> fleet = new ArrayList<>(probes);
        List<Where> peers = new ArrayList<>();
        for (String location : List.of("us-east", "ap-south")) {
            Where where = new Where("vigil-" + location, location, null, "http://vigil-" + location + ":19115");
            peers.add(where);
            for (Probe probe : probes) {
                fleet.add(new PeerRow(where, probe.name(), probe.url(), probe.state(), null, probe.last().duration(),
                        probe.labels(), probe.runs().saved(), null));
            }
        }
        measure("fleet overview, 2 peers, first page", iterations, () -> fleet(site, fleet, peers, ""), anchorMs);
        measure("fleet overview, location=us-east&page=20", iterations,
                () -> fleet(site, fleet, peers, "location=us-east&page=20"), anchorMs);
    }

    private static void fleet(Site site, List<Listed> rows, List<Where> peers, String query) {
        String page = Overview.render(site, ListQuery.parse(query), rows, listed -> listed instanceof PeerRow peer
                ? peer.row(null, NOW) : row((Probe) listed), new Fleet(peers, List.of()));
        if (!page.contains("id=\"probes\"")) {
            throw new IllegalStateException("no list rendered");
        }
        pageBytes = page.length();
    }

    private static ProbeRow row(Probe probe) {
        return new ProbeRow(probe.name(), probe.url(), probe.state(), probe.last().success() ? null : "http_status: "
                + probe.last().failure().message(), probe.last().duration(), probe.labels(), probe.runs().snapshot(NOW));
    }

    private static void render(Site site, List<Probe> probes, String query) {
        String page = Overview.render(site, ListQuery.parse(query), probes, StatusPage::row);
        if (!page.contains("id=\"probes\"")) {
            throw new IllegalStateException("no list rendered");
        }
        pageBytes = page.length();
    }

    private static double measure(String what, int iterations, Render render, double anchorMs) throws IOException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        for (int i = 0; i < iterations; i++) {
            render.run();
        }
        double[] ms = new double[iterations];
        long allocated = 0;
        for (int i = 0; i < iterations; i++) {
            long bytes = threads.getThreadAllocatedBytes(self);
            long start = System.nanoTime();
            render.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            allocated += threads.getThreadAllocatedBytes(self) - bytes;
        }
        Arrays.sort(ms);
        double median = ms[iterations / 2];
        System.out.printf("%-50s median %7.2f ms  %6d KiB allocated per render%s%s%n", what, median,
                allocated / iterations / 1024, anchorMs == 0 ? "" : String.format("  page %d KiB", pageBytes / 1024),
                anchorMs == 0 ? "" : String.format("  ratio to anchor %.2f",
                        median / anchorMs));
        return median;
    }
}
