package dev.vigil.output;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Where delivery events are written, one line each. {@link #SYSTEM} is the agent's log; tests pass their own to read
 * the lines. Lines never hold a webhook URL: callers write route names and {@link Redaction redacted} text only.
 */
@FunctionalInterface
interface DeliveryLog {
    /** The {@code dev.vigil.output} system logger. */
    DeliveryLog SYSTEM = new DeliveryLog() {
        private final Logger logger = System.getLogger("dev.vigil.output");

        @Override
        public void log(Level level, String line) {
            logger.log(level, line);
        }
    };

    /** Writes one line at {@code level}. */
    void log(Level level, String line);
}
