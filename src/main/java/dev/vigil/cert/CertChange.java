package dev.vigil.cert;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of the certificate served at an endpoint, as kept in its history.
 *
 * @param at        when Vigil saw the new certificate first
 * @param kind      how it changed
 * @param severity  how urgent it is
 * @param oldSerial the replaced certificate's serial
 * @param newSerial the new certificate's serial
 * @param message   one sentence saying what changed
 */
public record CertChange(Instant at, ChangeKind kind, Severity severity, String oldSerial, String newSerial,
        String message) {
    public CertChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(oldSerial, "oldSerial");
        Objects.requireNonNull(newSerial, "newSerial");
        Objects.requireNonNull(message, "message");
    }
}
