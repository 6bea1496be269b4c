package dev.vigil.state;

/** The state file was written by a newer Vigil, in a format this one cannot read; the file is left as it is. */
final class StateVersionException extends StateException {
    StateVersionException(String message) {
        super(message);
    }
}
