package dev.vigil.demo;

/** The demo could not be set up; the message says what and why. */
public final class DemoException extends Exception {
    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
