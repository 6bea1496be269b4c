package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.lb.PodStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which re-issues of a churn followed a (re)start of an ingress pod, and the clause that says so. */
class RestartMatchTest {
    /** Three certificates first seen at T0, T0 + 60 m and T0 + 130 m: two re-issues. */
    private static final List<Observation> THREE = seenAtMinutes(0, 60, 130);

    /**
     * Certificates first seen {@code minutes} after T0, each backdated by an hour as Let's Encrypt does: the
     * {@code notBefore} plays no part.
     */
    private static List<Observation> seenAtMinutes(long... minutes) {
        return LongStream.of(minutes).mapToObj(m -> {
            Instant seen = T0.plus(Duration.ofMinutes(m));
            return Certs.cert("0" + m).valid(seen.minus(Duration.ofHours(1)), 90).seen(seen).observation();
        }).toList();
    }

    /** A pod with {@code restarts} restarts that started at each of {@code seconds} after T0. */
    private static PodStarts pod(String name, int restarts, double... seconds) {
        return new PodStarts(name, Arrays.stream(seconds)
                .mapToObj(s -> T0.plus(Duration.ofMillis(Math.round(s * 1000)))).toList(), restarts);
    }

    private static final double M60 = 3600;
    private static final double M130 = 130 * 60;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no pod", THREE, List.of(), null),
                Arguments.of("a pod that started long before", THREE, List.of(pod("traefik-a", 0, -86_400)), null),
                Arguments.of("each re-issue seen seconds after a restart of the one pod", THREE,
                        List.of(pod("traefik-a", 2, -86_400, M60 - 12, M130 - 8)),
                        "each re-issue was first seen within 12 s after a (re)start of pod traefik-a (2 restarts)"),
                Arguments.of("a part second rounds up: within stays true", THREE,
                        List.of(pod("traefik-a", 1, M60 - 12.3, M130 - 8)),
                        "each re-issue was first seen within 13 s after a (re)start of pod traefik-a (1 restart)"),
                // Kubernetes keeps the current run's start and the one before: older restarts leave no time.
                Arguments.of("only the last restart is known", THREE, List.of(pod("traefik-a", 4, M130 - 8)),
                        "1 of 2 re-issues was first seen within 8 s after a (re)start of pod traefik-a (4 restarts)"),
                Arguments.of("a start after the re-issue was seen is no cause of it", THREE,
                        List.of(pod("traefik-a", 1, M60 + 5)), null),
                Arguments.of("a start up to 10 m before counts, a second more does not", THREE,
                        List.of(pod("traefik-a", 2, M60 - 601, M130 - 600)),
                        "1 of 2 re-issues was first seen within 10 m after a (re)start of pod traefik-a (2 restarts)"),
                Arguments.of("a start before the previous certificate was seen is that one's, not this one's",
                        seenAtMinutes(0, 5, 130), List.of(pod("traefik-a", 1, -30)), null),
                Arguments.of("the latest start before the sighting counts, of any pod; the longest wait is told",
                        THREE, List.of(pod("traefik-a", 0, M60 - 40, M60 - 20), pod("traefik-b", 0, M130 - 65)),
                        "each re-issue was first seen within 1 m 5 s after a (re)start of pod traefik-a or traefik-b"),
                Arguments.of("three pods are named, more are counted", seenAtMinutes(0, 30, 60, 90, 120),
                        List.of(pod("traefik-a", 0, 30 * 60 - 3), pod("traefik-b", 0, 60 * 60 - 3),
                                pod("traefik-c", 0, 90 * 60 - 3), pod("traefik-d", 0, 120 * 60 - 3)),
                        "each re-issue was first seen within 3 s after a (re)start of pod traefik-a, traefik-b, "
                                + "traefik-c or 1 other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachReissueIsMatchedToTheLatestStartBeforeItWasSeen(String name, List<Observation> certificates,
            List<PodStarts> pods, String clause) {
        assertEquals(clause, RestartMatch.find(certificates, pods, RestartMatch.BOUND).map(RestartMatch::clause)
                .orElse(null));
    }
}
