package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.output.prometheus.ProbeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vigil_build_info} and the standard {@code process_*} metrics on the agent's {@code /metrics}. */
class ProcessMetricsTest {
    /** The page an agent serves with its own metrics registered, scraped once over HTTP. */
    private static Scrape scrape() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AgentMetrics(registry, Clock.systemUTC());
        try (AgentServer server = new AgentServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MetricsPage(registry, new ProbeMetrics(Clock.systemUTC())), () -> true, null,
                AgentServer.EXCHANGE_DEADLINE)) {
            return Scrape.of(server.address());
        } finally {
            registry.close();
        }
    }

    @Test
    void buildInfoIsOneLabelledWithVersionRevisionAndJavaVersion() throws Exception {
        Map<String, Double> info = scrape().series().entrySet().stream()
                .filter(e -> e.getKey().startsWith("vigil_build_info{"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertEquals(1, info.size(), info::toString);
        String series = info.keySet().iterator().next();
        assertEquals(1.0, info.get(series));
        // The version comes from the pom through the filtered build.properties; the revision is what the build was
        // given (.ci/run passes the commit), else unknown.
        assertTrue(series.matches("vigil_build_info\\{javaversion=\"" + System.getProperty("java.version").replace(".", "\\.")
                + "\",revision=\"(unknown|[0-9a-f]{40})\",version=\"\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\"}"), series);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void processMetricsArePresentAndPlausible() throws Exception {
        Map<String, Double> series = scrape().series();

        for (String name : List.of("process_cpu_seconds_total", "process_open_fds", "process_max_fds",
                "process_resident_memory_bytes", "process_virtual_memory_bytes", "process_start_time_seconds")) {
            assertTrue(series.containsKey(name), name + " missing: " + series.keySet());
        }
        assertTrue(series.get("process_cpu_seconds_total") > 0, series::toString);
        assertTrue(series.get("process_open_fds") > 0, series::toString);
        assertTrue(series.get("process_max_fds") >= series.get("process_open_fds"), series::toString);
        assertTrue(series.get("process_resident_memory_bytes") > 1 << 20, series::toString);
        assertTrue(series.get("process_virtual_memory_bytes") >= series.get("process_resident_memory_bytes"),
                series::toString);
        double started = series.get("process_start_time_seconds");
        Instant now = Instant.now();
        assertTrue(started <= now.getEpochSecond() + 1 && started > now.minus(Duration.ofHours(1)).getEpochSecond(),
                "start time " + started + " not within the last hour of " + now);
    }

    @ParameterizedTest(name = "{0} in ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "VmRSS | Name:\tjava\\nVmRSS:\t   51234 kB\\nVmSize:\t 4000000 kB | 51234",
            "VmSize | Name:\tjava\\nVmRSS:\t   51234 kB\\nVmSize:\t 4000000 kB | 4000000",
            "VmRSS | VmRSSx:\t 7 kB | ",
            "VmRSS | VmRSS:\t 7 MB | ",
            "VmRSS | VmRSS:\t kB | ",
            "VmRSS | VmRSS:\t 99999999999999999999 kB | ",
            "VmRSS | '' | ",
    })
    void aStatusFieldIsReadInKibibytesOrNotAtAll(String field, String status, Long expected) {
        assertEquals(expected == null ? OptionalLong.empty() : OptionalLong.of(expected),
                ProcessMetrics.kibibytes(status.replace("\\n", "\n"), field));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "Limit               Soft Limit  Hard Limit  Units\\nMax open files      1024        524288      files | 1024",
            "Max open files      unlimited   unlimited   files | ",
            "Max open filesx     1024        4096        files | ",
            "'' | ",
    })
    void theSoftLimitOfOpenFilesIsReadOrNotAtAll(String limits, Long expected) {
        assertEquals(expected == null ? OptionalLong.empty() : OptionalLong.of(expected),
                ProcessMetrics.softLimit(limits.replace("\\n", "\n"), "Max open files"));
    }
}
