package dev.vigil.probe;

import java.nio.file.Path;

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
}
