package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T03:16:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
            "2028-02-29T12:00:00.5Z", "2026-11-25T03:16:00.123Z", "2026-11-25T03:16:00.123456Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.000000001Z", "2026-11-25T24:00:00Z",
            "2026-11-25T03:16:00+01:00", "+12026-11-25T03:16:00Z", "2026-11-25T03:16:00.Z"})
    void readsWhatInstantParseReads(String text) {
        assertEquals(Instant.parse(text), IsoInstants.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-25", "2026-11-25T03:16:00",
            "2026-11-25T03:16:00.1234567890Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25T03:60:00Z",
            "2026-11-25 03:16:00Z", "2026-1x-25T03:16:00Z", "２026-11-25T03:16:00Z"})
    void rejectsWhatInstantParseRejects(String text) {
        assertThrows(DateTimeParseException.class, () -> Instant.parse(text));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(text));
    }
}
