package dev.vigil.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a probe trusts and judges certificates.
 *
 * @param caFile   PEM bundle to trust instead of the JDK's trust store; null for the JDK's
 * @param insecure capture and report the chain but never call it verified, and do not fail on it
 * @param warnDays a certificate expiring within this many days is a warning
 * @param critDays a certificate expiring within this many days is critical
 */
public record TlsOptions(Path caFile, boolean insecure, int warnDays, int critDays) {
    public static final int DEFAULT_WARN_DAYS = 14;
    public static final int DEFAULT_CRIT_DAYS = 3;
    public static final TlsOptions DEFAULT = new TlsOptions(null, false, DEFAULT_WARN_DAYS, DEFAULT_CRIT_DAYS);

    public TlsOptions {
        if (warnDays < 0 || critDays < 0) {
            throw new IllegalArgumentException("warn/crit days must not be negative");
        }
    }

    /** A rule two options break together. The rule lives here; config and flags each word it with their own names. */
    public enum Conflict {
        /** {@code insecure} never verifies, so a CA file would be ignored. */
        INSECURE_WITH_CA_FILE,
        /** A certificate would turn critical before it warns. */
        WARN_BELOW_CRIT
    }

    /** The rules the options break, in this order; empty when they hold. */
    public static List<Conflict> conflicts(Path caFile, boolean insecure, int warnDays, int critDays) {
        List<Conflict> broken = new ArrayList<>();
        if (insecure && caFile != null) {
            broken.add(Conflict.INSECURE_WITH_CA_FILE);
        }
        if (warnDays < critDays) {
            broken.add(Conflict.WARN_BELOW_CRIT);
        }
        return broken;
    }
}
