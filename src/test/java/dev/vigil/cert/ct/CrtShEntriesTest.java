package dev.vigil.cert.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.Issuance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading crt.sh's JSON without HTTP: serials, timestamps, and what is skipped. */
class CrtShEntriesTest {
    private static final List<String> SET = List.of("api.example.com", "www.example.com");

    private static CtAnswer parse(String json) throws CtQueryException {
        return CrtShEntries.parse(json.getBytes(StandardCharsets.UTF_8), SET, "api.example.com");
    }

    @Test
    void serialsTakeTheHandshakesForm() {
        assertEquals("0abc", CrtShEntries.serialHex("ABC"));
        assertEquals("c0ffee", CrtShEntries.serialHex("00c0ffee"));
        assertEquals("04a1", CrtShEntries.serialHex("04A1"));
    }

    @Test
    void timestampsAreUtcWithOrWithoutZoneAndFraction() {
        Instant at = Instant.parse("2026-11-20T08:14:03Z");

        assertEquals(at, CrtShEntries.timestamp("2026-11-20T08:14:03"));
        assertEquals(at, CrtShEntries.timestamp("2026-11-20T08:14:03Z"));
        assertEquals(at.plusMillis(512), CrtShEntries.timestamp("2026-11-20T08:14:03.512"));
        assertEquals(at, CrtShEntries.timestamp("2026-11-20T09:14:03+01:00"));
    }

    @Test
    void notAfterIsKeptWhenReadableAndAfterTheStartElseNotKnown() {
        Instant start = Instant.parse("2026-11-20T08:14:03Z");
        record Case(String notAfter, Instant expected) {
        }
        for (Case c : List.of(new Case("2027-02-18T08:14:02", Instant.parse("2027-02-18T08:14:02Z")),
                new Case("2027-02-18T09:14:02+01:00", Instant.parse("2027-02-18T08:14:02Z")),
                new Case(null, null), new Case("soon", null), new Case("2026-11-20T08:14:03", null),
                new Case("2026-11-19T00:00:00", null))) {
            assertEquals(c.expected(), CrtShEntries.notAfter(c.notAfter(), start), String.valueOf(c.notAfter()));
        }
    }

    @Test
    void aCertificateTakesItsEndOfValidityFromItsEntryAndOneWithoutStaysCounted() throws CtQueryException {
        String withEnd = CrtShFixtures.entry(1, "0a", "2026-11-20T08:14:03", "api.example.com", "www.example.com");
        String withoutEnd = CrtShFixtures.entry(2, "0b", "2026-11-21T08:14:03", "api.example.com", "www.example.com")
                .replace("\"not_after\":\"2027-02-16T08:14:03\",", "");

        List<Issuance> found = parse("[" + withEnd + "," + withoutEnd + "]").issuances();

        assertEquals(List.of(Instant.parse("2027-02-16T08:14:03Z")), found.stream().map(Issuance::notAfter)
                .filter(java.util.Objects::nonNull).toList());
        assertEquals(2, found.size());
        assertNull(found.get(1).notAfter());
    }

    @Test
    void entriesThatAreNotObjectsOrHaveNoNamesAreSkipped() throws CtQueryException {
        String noNames = "{\"serial_number\":\"0a\",\"not_before\":\"2026-11-20T08:14:03\",\"name_value\":\"\"}";
        String badSerial = CrtShFixtures.entry(1, "not-hex", "2026-11-20T08:14:03", "api.example.com", "www.example.com");

        CtAnswer answer = parse(CrtShFixtures.array("42", "[]", noNames, badSerial));

        assertEquals(new CtAnswer(List.of(), 4), answer);
    }

    @Test
    void nullAndEmptyBodiesAreUnexpected() {
        assertEquals("crt.sh answer for q=api.example.com is unexpected JSON: expected an array, got null",
                assertThrows(CtQueryException.class, () -> parse("null")).getMessage());
        assertEquals("crt.sh answer for q=api.example.com is unexpected JSON: expected an array, got an empty body",
                assertThrows(CtQueryException.class, () -> parse("")).getMessage());
    }

    @Test
    void aTruncatedArrayIsNotValidJson() {
        String message = assertThrows(CtQueryException.class, () -> parse("[{\"id\":1}")).getMessage();

        assertTrue(message.startsWith("crt.sh answer for q=api.example.com is not valid JSON: Unexpected end-of-input:"
                + " expected close marker for Array"), message);
        assertTrue(message.endsWith(" at line 1 column 10"), message);
    }
}
