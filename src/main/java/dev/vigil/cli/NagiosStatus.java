package dev.vigil.cli;

/** Nagios plugin exit codes, so {@code vigil probe} drops into cron, CI, Nagios, Icinga and Sensu. */
enum NagiosStatus {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private final int exitCode;

    NagiosStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The more severe of two statuses; UNKNOWN ranks above CRITICAL, as in Nagios' own worst-of logic for plugins. */
    public NagiosStatus worse(NagiosStatus other) {
        return other.exitCode > exitCode ? other : this;
    }
}
