package dev.vigil.state;

/** The state file is not what this Vigil writes: not JSON, cut short, or a field missing or ill-typed. */
final class StateCorruptException extends StateException {
    StateCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
