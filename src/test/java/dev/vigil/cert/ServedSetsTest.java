package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which sets of names an endpoint served within the limit's window, current first. */
class ServedSetsTest {
    private static final Duration WEEK = Duration.ofHours(168);
    private static final List<String> PAIR = List.of("api.example.com", "www.api.example.com");
    private static final List<String> API = List.of("api.example.com");
    private static final List<String> DEFAULT = List.of("ingress.local");

    /** A certificate for {@code names} last seen {@code hours} after T0. */
    private static Observation seen(String serial, List<String> names, long hours) {
        return Certs.cert(serial).names(names.toArray(String[]::new)).seen(T0.plus(Duration.ofHours(hours)))
                .observation();
    }

    private static Map<List<String>, Instant> sets(Object... setsAndHours) {
        Map<List<String>, Instant> sets = new LinkedHashMap<>();
        for (int i = 0; i < setsAndHours.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) setsAndHours[i];
            sets.put(names, T0.plus(Duration.ofHours((Integer) setsAndHours[i + 1])));
        }
        return sets;
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("nothing seen", List.of(), 0, sets()),
                Arguments.of("one certificate", List.of(seen("01", PAIR, 1)), 2, sets(PAIR, 1)),
                Arguments.of("re-issues of one set are one set",
                        List.of(seen("01", PAIR, 1), seen("02", PAIR, 2), seen("03", PAIR, 3)), 4, sets(PAIR, 3)),
                Arguments.of("a fallback keeps the set served before",
                        List.of(seen("01", PAIR, 1), seen("02", PAIR, 2), seen("03", DEFAULT, 5)), 6,
                        sets(DEFAULT, 5, PAIR, 2)),
                Arguments.of("most recently served first after the current one",
                        List.of(seen("01", API, 1), seen("02", PAIR, 2), seen("03", API, 3), seen("04", DEFAULT, 4)), 5,
                        sets(DEFAULT, 4, API, 3, PAIR, 2)),
                Arguments.of("a set last served 168 h ago or more is gone",
                        List.of(seen("01", PAIR, 1), seen("02", API, 2), seen("03", DEFAULT, 3)), 169,
                        sets(DEFAULT, 3, API, 2)),
                Arguments.of("the current set stays however old its last sighting",
                        List.of(seen("01", PAIR, 1), seen("02", DEFAULT, 2)), 400, sets(DEFAULT, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void setsServedWithinTheWindow(String what, List<Observation> observations, int nowHours,
            Map<List<String>, Instant> expected) {
        Map<List<String>, Instant> sets = ServedSets.within(observations, WEEK, T0.plus(Duration.ofHours(nowHours)));

        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(sets.entrySet()));
    }
}
