package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A CA's certificate limit over issuance times, both as a token bucket and as a fixed window. */
class DuplicateLimitTest {
    private static final LimitPolicy FIXED_WINDOW = new LimitPolicy(5, Duration.ofHours(34), LimitMode.FIXED_WINDOW,
            Duration.ofHours(168), 2);

    @ParameterizedTest(name = "issued at {0}, now {1}: counted {2}")
    @CsvSource({
            // issued (offsets from T0, n×offset repeats), now, the instants counted (offsets)
            "'',                 PT0S,    ''",
            "PT2H PT0S PT1H,     PT2H,    PT0S PT1H PT2H",
            "PT0S PT1H PT3H,     PT2H,    PT0S PT1H",
            "PT0S PT1H PT170H,   PT170H,  PT170H",
            "PT0S*3,             PT0S,    PT0S*3",
    })
    void countedAreTheInstantsInTheWindowUpToNowOldestFirst(String issued, Duration now, String counted) {
        assertEquals(times(counted), DuplicateLimit.counted(LimitPolicy.EXACT_SET, times(issued), T0.plus(now)));
    }

    @Test
    void countedKeepsOnlyTheLastHundred() {
        List<Instant> issued = Stream.iterate(T0, at -> at.plusSeconds(60)).limit(150).toList();

        List<Instant> counted = DuplicateLimit.counted(LimitPolicy.EXACT_SET, issued, issued.getLast());

        assertEquals(issued.subList(50, 150), counted);
        assertEquals(150, DuplicateLimit.evaluate(LimitPolicy.EXACT_SET, issued, issued.getLast()).issuedInWindow());
    }

    @ParameterizedTest(name = "issued at {0}, now {1}: {2} issued, {3} left, next {4}, {5}")
    @CsvSource({
            // issued (offsets from T0, n×offset repeats), now, issued in window, left, next token (offset), level
            "'',                      PT0S,          0, 5, '',            OK",
            "PT0S,                    PT0S,          1, 4, PT34H,         OK",
            "PT0S*3,                  PT0S,          3, 2, PT34H,         WARNING",
            "PT0S*5,                  PT0S,          5, 0, PT34H,         CRITICAL",
            "PT0S*5,                  PT33H59M59S,   5, 0, PT34H,         CRITICAL",
            "PT0S*5,                  PT34H,         5, 1, PT68H,         WARNING",
            "PT0S*5,                  PT170H,        0, 5, '',            OK",
            "PT0S*6,                  PT0S,          6, 0, PT34H,         CRITICAL",
            "PT0S*6,                  PT34H,         6, 1, PT68H,         WARNING",
            "PT0S*4 PT10H,            PT10H,         5, 0, PT34H,         CRITICAL",
            "PT0S*5,                  PT167H59M59S,  5, 4, PT170H,        OK",
            "PT0S*5,                  PT168H,        0, 4, PT170H,        OK",
            "PT0S PT34H PT68H PT102H PT136H PT170H PT204H PT238H PT272H PT306H, PT306H, 5, 4, PT340H, OK",
            "PT0S PT1H,               PT0S,          1, 4, PT34H,         OK",
    })
    void tokenBucket(String issued, Duration now, int inWindow, int left, String next, LimitUsage.Level level) {
        assertEquals(new LimitUsage(inWindow, left, at(next), level),
                DuplicateLimit.evaluate(LimitPolicy.EXACT_SET, times(issued), T0.plus(now)));
    }

    @ParameterizedTest(name = "issued at {0}, now {1}: {2} issued, {3} left, next {4}, {5}")
    @CsvSource({
            "'',                      PT0S,          0, 5, '',            OK",
            "PT0S*3,                  PT1H,          3, 2, PT168H,        WARNING",
            "PT0S*5,                  PT1H,          5, 0, PT168H,        CRITICAL",
            "PT0S*5,                  PT167H59M59S,  5, 0, PT168H,        CRITICAL",
            "PT0S*5,                  PT168H,        0, 5, '',            OK",
            "PT0S*2 PT100H,           PT168H,        1, 4, PT268H,        OK",
            "PT0S PT5H PT10H*4,       PT20H,         6, 0, PT173H,        CRITICAL",
            "PT0S PT1H,               PT0S,          1, 4, PT168H,        OK",
    })
    void fixedWindow(String issued, Duration now, int inWindow, int left, String next, LimitUsage.Level level) {
        assertEquals(new LimitUsage(inWindow, left, at(next), level),
                DuplicateLimit.evaluate(FIXED_WINDOW, times(issued), T0.plus(now)));
    }

    @ParameterizedTest(name = "{0} at once: {1} left, {2}")
    @CsvSource({
            "39, 11, OK",
            "40, 10, WARNING",
            "50, 0,  CRITICAL",
            "51, 0,  CRITICAL",
    })
    void registeredDomainLevels(int issued, int left, LimitUsage.Level level) {
        assertEquals(new LimitUsage(issued, left, T0.plus(Duration.ofMinutes(202)), level),
                DuplicateLimit.evaluate(LimitPolicy.REGISTERED_DOMAIN, Collections.nCopies(issued, T0), T0));
    }

    @ParameterizedTest(name = "never runs dry at one every 34 h: after {0}")
    @CsvSource({"1", "5", "10", "100"})
    void oneEveryRefillNeverRunsDry(int count) {
        List<Instant> issued = Stream.iterate(T0, at -> at.plus(Duration.ofHours(34))).limit(count).toList();

        assertEquals(4, DuplicateLimit.evaluate(LimitPolicy.EXACT_SET, issued, issued.getLast()).tokensLeft());
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(LimitPolicy.EXACT_SET, "PT0S*3", "this exact set of names",
                        "3 certificates for this exact set of names issued in the last 168 h; 2 of 5 left, the next"
                                + " returns 2026-09-02 10:00 UTC, in 34 h (one returns every 34 h)"),
                Arguments.of(LimitPolicy.EXACT_SET, "PT0S*5", "this exact set of names",
                        "5 certificates for this exact set of names issued in the last 168 h; none of 5 left: the CA"
                                + " refuses more until 2026-09-02 10:00 UTC, in 34 h (one returns every 34 h)"),
                Arguments.of(LimitPolicy.REGISTERED_DOMAIN, "PT0S", "example.com",
                        "1 certificate for example.com issued in the last 168 h; 49 of 50 left, the next returns"
                                + " 2026-09-01 03:22 UTC, in 3 h 22 m (one returns every 202 min)"),
                Arguments.of(LimitPolicy.REGISTERED_DOMAIN, "", "example.com",
                        "0 certificates for example.com issued in the last 168 h; all 50 left"),
                Arguments.of(FIXED_WINDOW, "PT0S*3", "this exact set of names",
                        "3 of 5 certificates for this exact set of names issued in the last 168 h; 2 left, the next"
                                + " returns 2026-09-08 00:00 UTC, in 7 d"),
                Arguments.of(FIXED_WINDOW, "PT0S*5", "this exact set of names",
                        "5 of 5 certificates for this exact set of names issued in the last 168 h; none left: the CA"
                                + " refuses more until 2026-09-08 00:00 UTC, in 7 d"),
                Arguments.of(FIXED_WINDOW, "", "this exact set of names",
                        "0 of 5 certificates for this exact set of names issued in the last 168 h; all 5 left"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void messageSaysWhatIsLeftAndWhenMoreReturns(LimitPolicy policy, String issued, String scope, String expected) {
        LimitUsage usage = DuplicateLimit.evaluate(policy, times(issued), T0);

        assertEquals(expected, DuplicateLimit.message(policy, usage, scope, T0));
    }

    /** {@code PT0S*3 PT10H}: three issued at T0, one ten hours later. */
    private static List<Instant> times(String issued) {
        return Arrays.stream(issued.split(" ")).filter(part -> !part.isEmpty()).flatMap(part -> {
            String[] offsetAndCount = part.split("\\*");
            int count = offsetAndCount.length == 1 ? 1 : Integer.parseInt(offsetAndCount[1]);
            return Collections.nCopies(count, T0.plus(Duration.parse(offsetAndCount[0]))).stream();
        }).toList();
    }

    private static Instant at(String offset) {
        return offset.isEmpty() ? null : T0.plus(Duration.parse(offset));
    }

    static Stream<Arguments> facts() {
        List<String> set = List.of("api.example.com", "www.api.example.com");
        Instant served = T0.plus(Duration.ofHours(3));
        Instant next = T0.plus(Duration.ofHours(34));
        return Stream.of(
                Arguments.of(new NameSetUsage(set, true, served, new LimitUsage(1, 4, next, LimitUsage.Level.OK)),
                        "4 of 5 left"),
                Arguments.of(new NameSetUsage(set, true, served, new LimitUsage(0, 5, null, LimitUsage.Level.OK)),
                        "5 of 5 left"),
                Arguments.of(new NameSetUsage(set, false, served, new LimitUsage(5, 0, next, LimitUsage.Level.CRITICAL)),
                        "0 of 5 left for {api.example.com, www.api.example.com} until 2026-09-02 10:00 UTC, in 34 h"
                                + " (the set served here until 2026-09-01 03:00 UTC, before this certificate)"),
                Arguments.of(new NameSetUsage(set, false, served, new LimitUsage(4, 1, next, LimitUsage.Level.WARNING)),
                        "1 of 5 left for {api.example.com, www.api.example.com}, the next returns 2026-09-02 10:00 UTC, in 34 h"
                                + " (the set served here until 2026-09-01 03:00 UTC, before this certificate)"));
    }

    @ParameterizedTest
    @MethodSource("facts")
    void theFactsLineNamesTheSetOnlyWhenItIsNotTheCurrentCertificates(NameSetUsage set, String expected) {
        assertEquals(expected, DuplicateLimit.fact(LimitPolicy.EXACT_SET, set, T0));
    }
}
