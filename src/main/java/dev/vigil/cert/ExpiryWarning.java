package dev.vigil.cert;

import java.util.Objects;

/**
 * An expiry warning due for the certificate an endpoint serves.
 *
 * @param thresholdDays the warning threshold reported; store it as the one already warned about
 * @param severity      critical at the last threshold or once expired, else a warning
 * @param message       one sentence naming the certificate, the time left and the threshold
 */
record ExpiryWarning(int thresholdDays, Severity severity, String message) {
    public ExpiryWarning {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
