package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpDatesTest {
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "Sun, 06 Nov 1994 08:49:37 GMT|1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT|1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994|1994-11-06T08:49:37Z",
        "Thu, 01 Jan 2026 00:00:00 GMT|2026-01-01T00:00:00Z",
        "Thursday, 01-Jan-26 00:00:00 GMT|2026-01-01T00:00:00Z",
        "yesterday|null",
        "1994-11-06T08:49:37Z|null",
        "Sun, 06 Nov 1994 08:49:37 GMT and a great deal more text that no date would ever carry|null",
        "''|null",
    })
    void readsTheThreeFormsOfAnHttpDateAndNothingElse(String value, String expected) {
        assertEquals(expected == null ? null : Instant.parse(expected), HttpDates.parse(value));
    }

    @Test
    void anAbsentHeaderIsNoDate() {
        assertNull(HttpDates.parse(null));
    }
}
