package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which set of names an alert and a metric tell about: the one closest to exhausted, the current one on a tie. */
class CertStatusTest {
    @ParameterizedTest(name = "levels {0}: set {1}")
    @CsvSource({
            "OK,                 0",
            "WARNING OK,         0",
            "OK CRITICAL,        1",
            "OK WARNING,         1",
            "WARNING WARNING,    0",
            "OK WARNING CRITICAL, 2",
            "OK CRITICAL CRITICAL, 1",
            "CRITICAL CRITICAL,  0",
    })
    void theLimitingSetIsTheOneAtTheWorstLevel(String levels, int expected) {
        List<NameSetUsage> sets = new ArrayList<>();
        for (String level : levels.split(" ")) {
            sets.add(new NameSetUsage(List.of("set" + sets.size() + ".example"), sets.isEmpty(), T0,
                    new LimitUsage(0, 0, null, LimitUsage.Level.valueOf(level))));
        }
        CertStatus status = new CertStatus(Certs.cert("01").observation(), sets, "example.com", null, null);

        assertEquals(sets.get(expected), status.limiting());
        assertEquals(sets.getFirst().usage(), status.exactSet());
    }

    @ParameterizedTest(name = "{0} names: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | {n1.example}
            5 | {n1.example, n2.example, n3.example, n4.example, n5.example}
            7 | {n1.example, n2.example, n3.example, n4.example, n5.example and 2 more}
            """)
    void aSetIsWrittenWithAtMostFiveNames(int count, String expected) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("n" + i + ".example");
        }

        assertEquals(expected, new NameSetUsage(names, false, T0, new LimitUsage(0, 5, null, LimitUsage.Level.OK))
                .namesText());
    }

    @Test
    void nothingKnownHasNoLimit() {
        assertNull(CertStatus.UNKNOWN.limiting());
        assertNull(CertStatus.UNKNOWN.exactSet());
    }
}
