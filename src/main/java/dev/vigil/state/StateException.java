package dev.vigil.state;

import java.io.IOException;

/** The state directory or its file cannot be used; the message names the path and what to do about it. */
public class StateException extends IOException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
