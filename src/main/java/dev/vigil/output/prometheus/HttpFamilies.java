package dev.vigil.output.prometheus;

import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.Phases;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP kind's own families, blackbox_exporter's HTTP prober's names and help texts. Like blackbox_exporter, a run
 * that got no response still reports them, as zeros, and every phase is there, as 0 where the run did not reach it or
 * the path taken cannot observe it.
 */
final class HttpFamilies {
    private static final String RESOLVE = TextFormat.label("phase", "resolve");
    private static final String CONNECT = TextFormat.label("phase", "connect");
    private static final String TLS = TextFormat.label("phase", "tls");
    private static final String PROCESSING = TextFormat.label("phase", "processing");
    private static final String TRANSFER = TextFormat.label("phase", "transfer");

    static final List<Family> ALL = List.of(
            Family.gauge("probe_http_status_code", "Response HTTP status code",
                    (probe, page, now) -> page.sample(probe.labels(), null, http(probe) == null ? 0 : http(probe).status())),
            Family.gauge("probe_http_version", "Returns the version of HTTP of the probe response",
                    (probe, page, now) -> page.sample(probe.labels(), null, version(http(probe)))),
            Family.gauge("probe_http_redirects", "The number of redirects",
                    (probe, page, now) -> page.sample(probe.labels(), null, http(probe) == null ? 0 : http(probe).redirects())),
            Family.gauge("probe_http_content_length", "Length of http content response",
                    (probe, page, now) -> page.sample(probe.labels(), null,
                            http(probe) == null ? 0 : http(probe).declaredLength())),
            Family.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body",
                    (probe, page, now) -> page.sample(probe.labels(), null,
                            http(probe) == null ? 0 : http(probe).contentLength())),
            Family.gauge("probe_http_ssl", "Indicates if SSL was used for the final redirect",
                    (probe, page, now) -> page.sample(probe.labels(), null, http(probe) != null
                            && "https".equalsIgnoreCase(http(probe).finalUrl().getScheme()) ? 1 : 0)),
            Family.gauge("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects",
                    (probe, page, now) -> {
                        Phases phases = probe.result().phases();
                        phase(probe, page, RESOLVE, phases.resolve());
                        phase(probe, page, CONNECT, phases.connect());
                        phase(probe, page, TLS, phases.tls());
                        phase(probe, page, PROCESSING, phases.processing());
                        phase(probe, page, TRANSFER, phases.transfer());
                    }),
            Family.gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex",
                    (probe, page, now) -> page.sample(probe.labels(), null, !probe.result().success()
                            && probe.result().failure().kind() == FailureKind.BODY_MISMATCH ? 1 : 0)),
            Family.gauge("probe_http_last_modified_timestamp_seconds",
                    "Returns the Last-Modified HTTP response header in unixtime",
                    (probe, page, now) -> {
                        if (http(probe) != null && http(probe).lastModified() != null) {
                            page.sample(probe.labels(), null, http(probe).lastModified().getEpochSecond());
                        }
                    }));

    private HttpFamilies() {
    }

    private static HttpFacts http(Series probe) {
        return probe.result().http();
    }

    private static void phase(Series probe, TextFormat page, String phase, Duration time) throws IOException {
        page.sample(probe.labels(), phase, time == null ? 0 : Series.seconds(time));
    }

    /** {@code 1.1} or {@code 2} as a number; 0 without a response or for anything else, so one odd value cannot fail the whole scrape. */
    private static double version(HttpFacts http) {
        if (http == null) {
            return 0;
        }
        try {
            return Double.parseDouble(http.version());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
