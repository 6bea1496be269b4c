package dev.vigil.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.alert.AlertMachine.Step;
import dev.vigil.alert.Notification.Type;
import dev.vigil.cert.Severity;
import dev.vigil.state.StateCodec;
import dev.vigil.state.VigilState;
import dev.vigil.testing.FakeClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertMachineTest {
    private static final Instant START = Instant.parse("2026-11-25T03:00:00Z");

    /**
     * Runs are written {@code <minute><kind>}: the minute after {@link #START} it comes, and {@code x} for failing
     * (warning), {@code X} failing (critical), {@code o} passing; {@code |} restarts the agent, the alert going
     * through the state file. The messages are one per run, {@code -} for none.
     */
    static Stream<Arguments> runs() {
        return Stream.of(
                row("threshold 1 fires on the first failure", policy(1, 1, 0, 0), "0x 1x 2o", "FIRING - RESOLVED"),
                row("threshold 2 fires on the second failure in a row", policy(2, 1, 0, 0), "0x 1o 2x 3x 4x 5o",
                        "- - - FIRING - RESOLVED"),
                row("threshold 3 fires on the third failure in a row", policy(3, 1, 0, 0), "0x 1x 2o 3x 4x 5x 6o",
                        "- - - - - FIRING RESOLVED"),
                row("success threshold 2 resolves on the second pass in a row", policy(1, 2, 0, 0),
                        "0x 1o 2x 3o 4o 5o", "FIRING - - - RESOLVED -"),
                row("reminders come at exactly the repeat interval", policy(1, 1, 60, 0), "0x 59x 60x 119x 120x 121o",
                        "FIRING - REMINDER - REMINDER RESOLVED"),
                row("a repeat interval of 0 never reminds", policy(1, 1, 0, 0), "0x 60x 6000x 6001o",
                        "FIRING - - RESOLVED"),
                row("a flapping probe fires once per min interval and resolves only what fired", policy(1, 1, 0, 10),
                        "0x 1o 2x 3o 4x 5o 10x 11o", "FIRING RESOLVED - - - - FIRING RESOLVED"),
                row("a firing held back goes out once the min interval has passed", policy(1, 1, 0, 10),
                        "0x 1o 2x 9x 10x 11o", "FIRING RESOLVED - - FIRING RESOLVED"),
                row("a firing held back then resolved sends nothing", policy(2, 2, 0, 30), "0x 1x 2o 3o 4x 5x 6o 7o",
                        "- FIRING - RESOLVED - - - -"),
                row("a reminder counts for the min interval", policy(1, 1, 60, 30), "0x 60x 61o 62x 91x 92o",
                        "FIRING REMINDER RESOLVED - FIRING RESOLVED"),
                row("an escalation fires again at once, a de-escalation does not", policy(1, 1, 0, 10),
                        "0x 1X 2x 3X 4o", "FIRING FIRING - - RESOLVED"),
                row("a streak escalated before its threshold fires once", policy(3, 1, 0, 0), "0X 1x 2x 3x",
                        "- - FIRING -"),
                row("an escalation restarts the reminder interval", policy(1, 1, 60, 0), "0x 30X 60X 90X",
                        "FIRING FIRING - REMINDER"),
                row("a streak continues across a restart and a firing is not sent again", policy(2, 2, 60, 5),
                        "0x | 1x | 2x 3o | 4o", "- FIRING - - RESOLVED"),
                row("reminders keep their interval across a restart", policy(1, 1, 60, 0), "0x | 30x | 60x",
                        "FIRING - REMINDER"),
                row("a firing held back stays so across a restart", policy(1, 1, 0, 10), "0x 1o | 2x | 3o",
                        "FIRING RESOLVED - -"),
                row("an escalation is known across a restart", policy(1, 1, 0, 0), "0x | 1X | 2X",
                        "FIRING FIRING -"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void tellsWhenItBreaksAndWhenItRecovers(String name, AlertPolicy policy, String runs, String sends)
            throws IOException {
        assertEquals(sends, play(Condition.DOWN, policy, runs));
    }

    static Stream<Arguments> events() {
        return Stream.of(
                row("each change is told at once", policy(3, 2, 60, 0), "0x 1o 2x 3x", "EVENT - EVENT EVENT"),
                row("changes within the min interval are dropped", policy(1, 1, 0, 10), "0x 1o 2x 10x 11X 13o 20x",
                        "EVENT - - EVENT - - EVENT"),
                row("the min interval holds across a restart", policy(1, 1, 0, 10), "0x | 5x | 10x", "EVENT - EVENT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void anEventConditionIsToldOnceAndNeverFiresOrResolves(String name, AlertPolicy policy, String runs, String sends)
            throws IOException {
        assertEquals(sends, play(Condition.CERT_CHANGED, policy, runs));
    }

    @Test
    void aFailingStreakIsCountedFromItsFirstFailure() {
        AlertPolicy policy = policy(3, 2, 0, 0);
        AlertState first = step(AlertState.quiet("api", Condition.DOWN), true, Severity.CRITICAL, policy, 0).next();
        AlertState second = step(first, true, Severity.WARNING, policy, 1).next();
        AlertState passed = step(second, false, Severity.INFO, policy, 2).next();

        assertEquals(new AlertState("api", Condition.DOWN, false, 2, 0, START, null, Severity.CRITICAL), second);
        assertEquals(new AlertState("api", Condition.DOWN, false, 0, 1, null, null, Severity.CRITICAL), passed);
    }

    /**
     * A symptom's alert held while its cause explains it: it fires without telling, sends its firing once the cause no
     * longer explains it, and resolves silently when it never told; a resolution of one told before still goes out.
     */
    @Test
    void aHeldSymptomTellsOnlyWhenNoCauseExplainsIt() {
        AlertPolicy policy = policy(1, 1, 0, 0);
        AlertState quiet = AlertState.quiet("api", Condition.DUPLICATE_LIMIT);
        Step first = AlertMachine.held(step(quiet, true, Severity.CRITICAL, policy, 0), quiet);
        Step resolvedUntold = AlertMachine.held(step(first.next(), false, Severity.CRITICAL, policy, 1),
                first.next());
        Step unexplained = step(first.next(), true, Severity.CRITICAL, policy, 1);
        Step resolvedTold = AlertMachine.held(step(unexplained.next(), false, Severity.CRITICAL, policy, 2),
                unexplained.next());

        assertEquals(null, first.send());
        assertEquals(new AlertState("api", Condition.DUPLICATE_LIMIT, true, 1, 0, START, null, Severity.CRITICAL),
                first.next());
        assertEquals(null, resolvedUntold.send());
        assertEquals(Type.FIRING, unexplained.send());
        assertEquals(Type.RESOLVED, resolvedTold.send());
    }

    @Test
    void anEventStaysQuietInItsState() {
        Step told = step(AlertState.quiet("api", Condition.CERT_CHANGED), true, Severity.WARNING, policy(1, 1, 0, 0),
                0);

        assertEquals(new AlertState("api", Condition.CERT_CHANGED, false, 1, 0, START, START, Severity.WARNING),
                told.next());
    }

    @Test
    void aResolvedAlertWasDownSinceItsFirstFailure() {
        AlertPolicy policy = policy(2, 1, 0, 0);
        AlertState failing = step(AlertState.quiet("api", Condition.DOWN), true, Severity.WARNING, policy, 0).next();
        AlertState firing = step(failing, true, Severity.WARNING, policy, 1).next();
        Step resolved = step(firing, false, Severity.INFO, policy, 90);

        assertEquals(Notification.Type.RESOLVED, resolved.send());
        assertEquals(Duration.ofMinutes(90), AlertMachine.downFor(firing, at(90)));
        assertEquals(new AlertState("api", Condition.DOWN, false, 0, 1, null, at(1), Severity.WARNING),
                resolved.next());
    }

    @Test
    void onlyAFailingAlertHasBeenDown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertMachine.downFor(AlertState.quiet("api", Condition.DOWN), START));

        assertEquals("the down alert of api was not failing", e.getMessage());
    }

    @Test
    void aSignalMustBeAboutTheAlertsCondition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertMachine.step(AlertState.quiet("api", Condition.DOWN),
                        signal(Condition.CERT_INVALID, true, Severity.CRITICAL), AlertPolicy.DEFAULT, START));

        assertEquals("a cert_invalid signal for the down alert of api", e.getMessage());
    }

    private static Arguments row(String name, AlertPolicy policy, String runs, String sends) {
        return Arguments.of(name, policy, runs, sends);
    }

    private static AlertPolicy policy(int failures, int successes, int repeatMinutes, int minIntervalMinutes) {
        return new AlertPolicy(failures, successes, Duration.ofMinutes(repeatMinutes),
                Duration.ofMinutes(minIntervalMinutes), false);
    }

    /** The messages {@code runs} send, one per run, as the rows spell them. */
    private static String play(Condition condition, AlertPolicy policy, String runs) throws IOException {
        FakeClock clock = new FakeClock(START);
        AlertState alert = AlertState.quiet("api", condition);
        List<String> sends = new ArrayList<>();
        for (String run : runs.split(" ")) {
            if (run.equals("|")) {
                alert = restart(alert);
                continue;
            }
            clock.set(at(Integer.parseInt(run.substring(0, run.length() - 1))));
            char kind = run.charAt(run.length() - 1);
            Severity severity = kind == 'X' ? Severity.CRITICAL : Severity.WARNING;
            Step step = AlertMachine.step(alert, signal(condition, kind != 'o', severity), policy, clock.instant());
            sends.add(step.send() == null ? "-" : step.send().name());
            // As the agent does: what is forgettable is forgotten, and must make no difference.
            alert = AlertMachine.forgettable(step.next(), policy, clock.instant()) ? AlertState.quiet("api", condition)
                    : step.next();
        }
        return String.join(" ", sends);
    }

    /** {@code alert} as a restarted agent has it: written to the state file and read back. */
    private static AlertState restart(AlertState alert) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StateCodec.write(VigilState.empty().withAlerts(List.of(alert), List.of(), 1), out);
        byte[] file = out.toByteArray();
        return StateCodec.read(new ByteArrayInputStream(file), file.length, Path.of("state.json")).alerts().get(0);
    }

    private static Step step(AlertState alert, boolean failing, Severity severity, AlertPolicy policy, int minute) {
        return AlertMachine.step(alert, signal(alert.condition(), failing, severity), policy, at(minute));
    }

    private static Signal signal(Condition condition, boolean failing, Severity severity) {
        return new Signal(condition, failing, severity, condition.id(), List.of(), Map.of());
    }

    private static Instant at(int minute) {
        return START.plus(Duration.ofMinutes(minute));
    }
}
