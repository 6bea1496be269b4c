package dev.vigil.output.pushgateway;

import java.time.Duration;

/**
 * What one push attempt of a {@link Pusher} came to.
 *
 * @param failure             why the push failed; null when it succeeded
 * @param consecutiveFailures failed pushes in a row, this one included; 0 after a success
 * @param next                how long until the next push: the interval after a success, the backoff after a failure
 */
record PushOutcome(String failure, int consecutiveFailures, Duration next) {
    /** True when the Pushgateway took the page. */
    public boolean succeeded() {
        return failure == null;
    }
}
