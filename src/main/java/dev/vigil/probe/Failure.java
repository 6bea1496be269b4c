package dev.vigil.probe;

import java.util.Objects;

/** Why a probe run failed: a kind from the closed set and a message a person can act on. */
public record Failure(FailureKind kind, String message) {
    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
