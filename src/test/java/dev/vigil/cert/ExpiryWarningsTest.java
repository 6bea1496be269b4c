package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Expiry warnings over a certificate's last days: each threshold crossed is reported once, skipped ones never. */
class ExpiryWarningsTest {
    private static final List<Integer> THRESHOLDS = CertSettings.DEFAULT_EXPIRY_WARNING_DAYS;
    private static final Certs CERT = Certs.cert("04ab");
    private static final Instant EXPIRES = CERT.notAfter();

    @ParameterizedTest(name = "checked with {0} left: reports {1}")
    @CsvSource({
            "P40D P30D P29D PT337H P14D P13D P8D P7D P4D P3D P2D P1D PT1H PT0S -P1D, 30 14 7 3 1",
            "P5D P4D PT73H P3D,                                                    7 3",
            "-P2D -P3D,                                                            1",
            "P60D P31D,                                                            ''",
            "P30D P30D PT1H,                                                       30 1",
    })
    void eachCrossingIsReportedOnceAsTheCallerStoresIt(String timesLeft, String reported) {
        Integer alreadyWarned = null;
        List<String> reports = new ArrayList<>();
        for (String left : timesLeft.split(" ")) {
            Optional<ExpiryWarning> warning = ExpiryWarnings.due(THRESHOLDS, CERT.observation(), alreadyWarned,
                    EXPIRES.minus(Duration.parse(left)));
            if (warning.isPresent()) {
                alreadyWarned = warning.get().thresholdDays();
                reports.add(String.valueOf(alreadyWarned));
            }
        }

        assertEquals(reported, String.join(" ", reports));
    }

    static Stream<Arguments> warnings() {
        return Stream.of(
                Arguments.of(CERT, "P6D", null, Optional.of(new ExpiryWarning(7, Severity.WARNING,
                        "certificate for api.example.com expires in 6 days (2026-11-30T00:00:00Z), within the 7-day"
                                + " warning"))),
                Arguments.of(CERT, "P7D", 14, Optional.of(new ExpiryWarning(7, Severity.WARNING,
                        "certificate for api.example.com expires in 7 days (2026-11-30T00:00:00Z), within the 7-day"
                                + " warning"))),
                Arguments.of(CERT.names("api.example.com", "www.example.com", "example.com"), "PT5H", 3,
                        Optional.of(new ExpiryWarning(1, Severity.CRITICAL,
                                "certificate for api.example.com and 2 other names expires in 5 hours"
                                        + " (2026-11-30T00:00:00Z), within the 1-day warning"))),
                Arguments.of(CERT, "-P2D", null, Optional.of(new ExpiryWarning(1, Severity.CRITICAL,
                        "certificate for api.example.com expired 2 days ago (2026-11-30T00:00:00Z)"))),
                Arguments.of(CERT.names(), "P20D", null, Optional.of(new ExpiryWarning(30, Severity.WARNING,
                        "certificate for CN=api.example.com expires in 20 days (2026-11-30T00:00:00Z), within the"
                                + " 30-day warning"))),
                Arguments.of(CERT, "P2D", 3, Optional.empty()),
                Arguments.of(CERT, "P2D", 1, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("warnings")
    void warningSaysWhatExpiresWhen(Certs cert, String left, Integer alreadyWarned, Optional<ExpiryWarning> expected) {
        assertEquals(expected, ExpiryWarnings.due(THRESHOLDS, cert.observation(), alreadyWarned,
                EXPIRES.minus(Duration.parse(left))));
    }

    @ParameterizedTest(name = "thresholds {0}, {1} left: {2}")
    @CsvSource({
            "1 7 30, P10D, 30",
            "1 7 30, P1D,  1",
            "7,      P6D,  7",
            "'',     P6D,  ''",
    })
    void thresholdsMayComeInAnyOrderOrNotAtAll(String thresholds, String left, String reported) {
        List<Integer> days = Arrays.stream(thresholds.split(" ")).filter(t -> !t.isEmpty()).map(Integer::valueOf)
                .toList();

        Optional<ExpiryWarning> warning = ExpiryWarnings.due(days, CERT.observation(), null,
                EXPIRES.minus(Duration.parse(left)));

        assertEquals(reported, warning.map(w -> String.valueOf(w.thresholdDays())).orElse(""));
    }
}
