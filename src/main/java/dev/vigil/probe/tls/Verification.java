package dev.vigil.probe.tls;

import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;

/** The verdict on a captured chain: verified, or a certificate failure kind with a message. */
public record Verification(Failure failure) {
    public static final Verification OK = new Verification(null);

    public static Verification failed(FailureKind kind, String message) {
        return new Verification(new Failure(kind, message));
    }

    public boolean verified() {
        return failure == null;
    }

    /** The message of the failure, or null when verified. */
    public String error() {
        return failure == null ? null : failure.message();
    }
}
