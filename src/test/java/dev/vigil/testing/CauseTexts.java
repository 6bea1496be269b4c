package dev.vigil.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the tests of the cause messages share: the minute format of the cause sentences, a mask for their relative
 * times, and a fake crt.sh's answer for one certificate.
 */
public final class CauseTexts {
    /** An instant as a cause sentence writes it, to the minute: {@code 2026-12-02 14:00 UTC}. */
    public static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CRT_SH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CauseTexts() {
    }

    /**
     * {@code text} with each relative time after a UTC time ({@code , in 31 h}, {@code , in 2 d 4 h}, {@code , 20 d
     * ago}) as {@code , in …} or {@code , … ago}: it depends on how long the test has run; MomentsTest pins its
     * wording.
     */
    public static String withoutRelativeTime(String text) {
        return text.replaceAll(", in \\d+ [dhm]( \\d+ [hm])?", ", in …")
                .replaceAll(", \\d+ [dhm]( \\d+ [hm])? ago", ", … ago");
    }

    /** A crt.sh entry for {@code localhost} alone from Let's Encrypt's R11, as its JSON API lists a certificate. */
    public static String crtShEntry(long id, String serial, Instant notBefore) {
        return """
                {"issuer_ca_id": 295815, "issuer_name": "C=US, O=Let's Encrypt, CN=R11", "common_name": "localhost",
                 "name_value": "localhost", "id": %d, "entry_timestamp": "%s.512", "not_before": "%s",
                 "not_after": "%s", "serial_number": "%s"}""".formatted(id, CRT_SH_TIME.format(notBefore),
                CRT_SH_TIME.format(notBefore), CRT_SH_TIME.format(notBefore.plus(Duration.ofDays(90))), serial);
    }
}
