package dev.vigil.alert;

import dev.vigil.alert.Notification.Type;
import dev.vigil.cert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one run moves an alert on, and which message that is worth: one when something breaks, one when it recovers,
 * nothing in between but reminders and escalations.
 *
 * <ul>
 * <li>A failing run counts a failure and clears the successes; the first failure of a streak sets
 * {@code firingSince}. Once failures reach the policy's failure threshold the alert fires and a {@code FIRING} goes
 * out, unless one of the alert's messages went out less than {@code minInterval} ago: then the alert fires silently,
 * and its {@code FIRING} goes out with the first failing run after {@code minInterval} has passed.</li>
 * <li>While firing, a failing run whose severity is higher than any before in the streak sends {@code FIRING} again,
 * at once (an escalation); a lower one sends nothing. Otherwise a {@code REMINDER} goes out once
 * {@code repeatInterval} (when not zero) has passed since the last message.</li>
 * <li>A passing run counts a success and clears the failures. A firing alert resolves once successes reach the
 * success threshold, with a {@code RESOLVED} only when a {@code FIRING} went out for it: an alert whose firing was
 * held back by {@code minInterval} resolves silently. An alert not firing just forgets its streak.</li>
 * <li>An {@linkplain Condition#isEvent() event condition} never fires or resolves: each failing run sends an
 * {@code EVENT} at once, unless the last one went out less than {@code minInterval} ago; that one is dropped.</li>
 * </ul>
 *
 * A {@code FIRING} went out for the current alert exactly when {@code lastFiringAt} is not before
 * {@code firingSince}, so the state needs no other flag; this assumes runs come in time order.
 */
public final class AlertMachine {
    private AlertMachine() {
    }

    /**
     * The outcome of one run.
     *
     * @param next the alert's state after the run
     * @param send the message the run is worth; null for none
     */
    public record Step(AlertState next, Type send) {
        public Step {
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * Moves {@code previous} on by the run that gave {@code signal} at {@code now}.
     *
     * @param previous the alert before the run; {@link AlertState#quiet} on its first run
     * @throws IllegalArgumentException when the signal is about another condition
     */
    public static Step step(AlertState previous, Signal signal, AlertPolicy policy, Instant now) {
        if (signal.condition() != previous.condition()) {
            throw new IllegalArgumentException("a " + signal.condition().id() + " signal for the "
                    + previous.condition().id() + " alert of " + previous.probe());
        }
        if (!signal.failing()) {
            return passed(previous, policy);
        }
        AlertState failed = failed(previous, signal.severity(), policy, now);
        if (previous.condition().isEvent()) {
            return unlessRecent(failed, Type.EVENT, policy, now);
        }
        if (!failed.firing()) {
            return new Step(failed, null);
        }
        if (!toldFiring(failed)) {
            return unlessRecent(failed, Type.FIRING, policy, now);
        }
        if (failed.severity() != previous.severity()) {
            return sent(failed, Type.FIRING, now);
        }
        boolean remind = !policy.repeatInterval().isZero() && elapsed(failed, policy.repeatInterval(), now);
        return remind ? sent(failed, Type.REMINDER, now) : new Step(failed, null);
    }

    /**
     * {@code step} when a cause's alert tells this alert as its symptom: a firing, reminder or event it would send is
     * held back, as if never sent, so the alert sends it once no cause explains it any more; a resolved one still goes
     * out, closing what was told before the cause was known.
     *
     * @param previous the alert before that step
     */
    public static Step held(Step step, AlertState previous) {
        if (step.send() == null || step.send() == Type.RESOLVED) {
            return step;
        }
        AlertState next = step.next();
        return new Step(new AlertState(next.probe(), next.condition(), next.firing(), next.failures(),
                next.successes(), next.firingSince(), previous.lastFiringAt(), next.severity()), null);
    }

    /**
     * How long the alert a step resolved was failing, for its {@code RESOLVED} message.
     *
     * @param previous the alert before that step
     * @param now      when the resolving run came
     * @throws IllegalArgumentException when {@code previous} was not failing
     */
    public static Duration downFor(AlertState previous, Instant now) {
        if (previous.firingSince() == null) {
            throw new IllegalArgumentException("the " + previous.condition().id() + " alert of " + previous.probe()
                    + " was not failing");
        }
        return Duration.between(previous.firingSince(), now);
    }

    /**
     * Whether {@code alert} tells nothing that {@link AlertState#quiet} would not: neither firing nor failing, and no
     * message within the minimum interval. The agent keeps only the other alerts, most probes having none.
     */
    public static boolean forgettable(AlertState alert, AlertPolicy policy, Instant now) {
        return !alert.firing() && alert.failures() == 0 && elapsed(alert, policy.minInterval(), now);
    }

    /** {@code previous} after one more failing run of {@code severity}, firing once it has failed often enough. */
    private static AlertState failed(AlertState previous, Severity severity, AlertPolicy policy, Instant now) {
        boolean streakStarts = previous.firingSince() == null;
        int failures = oneMore(previous.failures());
        boolean firing = !previous.condition().isEvent()
                && (previous.firing() || failures >= policy.failureThreshold());
        return new AlertState(previous.probe(), previous.condition(), firing, failures, 0,
                streakStarts ? now : previous.firingSince(), previous.lastFiringAt(),
                streakStarts ? severity : higher(previous.severity(), severity));
    }

    private static Step passed(AlertState previous, AlertPolicy policy) {
        int successes = oneMore(previous.successes());
        boolean firing = previous.firing() && successes < policy.successThreshold();
        Type send = previous.firing() && !firing && toldFiring(previous) ? Type.RESOLVED : null;
        return new Step(new AlertState(previous.probe(), previous.condition(), firing, 0, successes,
                firing ? previous.firingSince() : null, previous.lastFiringAt(), previous.severity()), send);
    }

    /** Whether a {@code FIRING} went out for the streak {@code alert} is in. */
    private static boolean toldFiring(AlertState alert) {
        return alert.lastFiringAt() != null && !alert.lastFiringAt().isBefore(alert.firingSince());
    }

    /** Sends {@code type} unless the alert's last message went out less than the policy's minimum interval ago. */
    private static Step unlessRecent(AlertState alert, Type type, AlertPolicy policy, Instant now) {
        return elapsed(alert, policy.minInterval(), now) ? sent(alert, type, now) : new Step(alert, null);
    }

    /** Whether at least {@code interval} has passed since the alert's last message; true when it never had one. */
    private static boolean elapsed(AlertState alert, Duration interval, Instant now) {
        return alert.lastFiringAt() == null || !now.isBefore(alert.lastFiringAt().plus(interval));
    }

    private static Step sent(AlertState alert, Type type, Instant now) {
        return new Step(new AlertState(alert.probe(), alert.condition(), alert.firing(), alert.failures(),
                alert.successes(), alert.firingSince(), now, alert.severity()), type);
    }

    private static Severity higher(Severity a, Severity b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    /** {@code count + 1}, staying at the largest int rather than overflowing. */
    private static int oneMore(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }
}
