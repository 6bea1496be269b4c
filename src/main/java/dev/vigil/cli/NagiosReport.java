package dev.vigil.cli;

import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The text output of {@code vigil probe} laid out as a Nagios plugin's: the first line is the overall status, a
 * summary and, after {@code |}, the performance data; the lines after it are each probe's report. Nagios and Icinga
 * show the first line as the service's status and graph the performance data. Pure over its inputs.
 */
final class NagiosReport {
    /** Probes named on a summary line; the rest are counted, so the line stays short enough to read. */
    private static final int NAMED_IN_SUMMARY = 3;

    private NagiosReport() {
    }

    /**
     * One probe judged.
     *
     * @param report the probe's own report, from {@link TextReport}: its status line, then what was seen
     */
    record Judged(String name, ProbeResult result, Verdict verdict, TlsOptions thresholds, String report) {
    }

    /**
     * The output of a run: for a single URL its own report with the performance data added to its first line; for a
     * config file, a summary line over every probe, then each probe's report.
     */
    static String of(List<Judged> probes, boolean fromConfig, Clock clock) {
        if (!fromConfig) {
            Judged only = probes.getFirst();
            int end = only.report().indexOf('\n');
            String report = withoutPipes(only.report());
            return firstLine(report.substring(0, end), perfdata("", only, clock)) + report.substring(end);
        }
        List<String> perfdata = new ArrayList<>();
        for (Judged probe : probes) {
            perfdata.addAll(perfdata("'" + probe.name() + "_", probe, clock));
        }
        StringBuilder out = new StringBuilder(firstLine(withoutPipes(summary(probes)), perfdata)).append('\n');
        probes.forEach(probe -> out.append(withoutPipes(probe.report())));
        return out.toString();
    }

    /**
     * The status and summary over several probes, e.g. {@code CRITICAL - 1 of 3 probes failing: api: connect_refused:
     * …}: the probes not OK are named worst first, each with its reason.
     */
    static String summary(List<Judged> probes) {
        NagiosStatus worst = probes.stream().map(p -> p.verdict().status()).reduce(NagiosStatus.OK, NagiosStatus::worse);
        long warning = probes.stream().filter(p -> p.verdict().status() == NagiosStatus.WARNING).count();
        long failing = probes.stream().filter(p -> p.verdict().status().exitCode() > NagiosStatus.WARNING.exitCode())
                .count();
        String of = " of " + probes.size() + (probes.size() == 1 ? " probe " : " probes ");
        if (worst == NagiosStatus.OK) {
            return "OK - " + probes.size() + of + "OK";
        }
        String counts = failing == 0 ? warning + of + "warning"
                : failing + of + "failing" + (warning == 0 ? "" : ", " + warning + " warning");
        List<Judged> notOk = probes.stream().filter(p -> p.verdict().status() != NagiosStatus.OK)
                .sorted(Comparator.comparingInt((Judged p) -> p.verdict().status().exitCode()).reversed()).toList();
        StringBuilder named = new StringBuilder();
        for (Judged probe : notOk.subList(0, Math.min(NAMED_IN_SUMMARY, notOk.size()))) {
            named.append(named.isEmpty() ? "" : "; ").append(probe.name()).append(": ").append(probe.verdict().reason());
        }
        if (notOk.size() > NAMED_IN_SUMMARY) {
            named.append("; and ").append(notOk.size() - NAMED_IN_SUMMARY).append(" more");
        }
        return worst + " - " + counts + ": " + named;
    }

    /**
     * The performance data of one probe, in the Nagios plugin guidelines' {@code 'label'=value[UOM];[warn];[crit];
     * [min];[max]}: the run's time in seconds, the body's size in bytes when a response came, and the days the
     * earliest certificate has left when a handshake was seen, with {@code --warn-days} and {@code --crit-days} as
     * ranges ({@code 14:} alerts below 14). {@code prefix} starts each label; a config's probe names need no
     * escaping, being letters, digits, '.', '_' and '-'.
     */
    static List<String> perfdata(String prefix, Judged probe, Clock clock) {
        String quote = prefix.startsWith("'") ? "'" : "";
        ProbeResult result = probe.result();
        List<String> data = new ArrayList<>();
        // Not String.format: its Formatter starts the locale providers, a few ms of a one-shot run's CPU (issue 17).
        data.add(prefix + "time" + quote + "=" + BigDecimal.valueOf(result.duration().toNanos(), 9)
                .setScale(3, RoundingMode.HALF_UP).toPlainString() + "s;;;0");
        if (result.http() != null) {
            data.add(prefix + "size" + quote + "=" + result.http().contentLength() + "B;;;0");
        }
        if (result.tls() != null) {
            data.add(prefix + "days_left" + quote + "=" + result.tls().daysLeft(clock) + ";"
                    + probe.thresholds().warnDays() + ":;" + probe.thresholds().critDays() + ":");
        }
        return data;
    }

    /** {@code text | perfdata}. */
    private static String firstLine(String text, List<String> perfdata) {
        return text + " | " + String.join(" ", perfdata);
    }

    /**
     * Nagios reads a '|' on any line of a plugin's output as the start of performance data, so one in a message (a
     * regular expression, say) is shown as '/', which stays ASCII whatever the locale; {@code --output json} has it
     * as it was.
     */
    private static String withoutPipes(String text) {
        return text.replace('|', '/');
    }
}
