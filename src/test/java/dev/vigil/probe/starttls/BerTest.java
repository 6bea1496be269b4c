package dev.vigil.probe.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BerTest {
    @Test
    void readsIntegersStringsAndNestedElements() throws Exception {
        // SEQUENCE { INTEGER 1, [APPLICATION 24] { ENUMERATED 52, OCTET STRING "", OCTET STRING "no" } }
        Ber ber = new Ber(HexFormat.of().parseHex("020101" + "7809" + "0a0134" + "0400" + "04026e6f"));

        assertEquals(1, ber.integer(0x02, "id"));
        Ber response = ber.element(0x78, "response");
        assertFalse(ber.hasMore());
        assertEquals(52, response.integer(0x0a, "code"));
        assertEquals("", response.string(0x04, "dn"));
        assertEquals("no", response.string(0x04, "message"));
    }

    @Test
    void readsTheLongLengthFormAndNegativeIntegers() throws Exception {
        Ber ber = new Ber(HexFormat.of().parseHex("02820001ff"));

        assertEquals(-1, ber.integer(0x02, "id"));
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                Arguments.of("", "an element is missing at the end"),
                Arguments.of("0201", "the value claims 1 bytes but 0 are left"),
                Arguments.of("02", "the value has no length"),
                Arguments.of("0280", "the value has an indefinite or over-long length, which LDAP does not allow"),
                Arguments.of("0285000000000001", "the value has an indefinite or over-long length, which LDAP does not allow"),
                Arguments.of("0284ffffffff", "the value claims 4294967295 bytes but 0 are left"),
                Arguments.of("0282ff", "the value has a length of 2 bytes"),
                Arguments.of("0200", "the value has 0 bytes"),
                Arguments.of("02050102030405", "the value has 5 bytes"),
                Arguments.of("0a0100", "expected the value (tag 0x02) but found tag 0x0a"));
    }

    @ParameterizedTest
    @MethodSource
    void refuses(String hex, String message) {
        Ber ber = new Ber(HexFormat.of().parseHex(hex));

        Ber.MalformedException e = assertThrows(Ber.MalformedException.class, () -> ber.integer(0x02, "the value"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anInnerLengthCannotReachPastItsParent() throws Exception {
        // The outer element holds 2 bytes; the inner one claims 3, which exist after the outer element but not in it.
        Ber outer = new Ber(HexFormat.of().parseHex("3002" + "0403" + "616263")).element(0x30, "outer");

        Ber.MalformedException e = assertThrows(Ber.MalformedException.class, () -> outer.string(0x04, "inner"));
        assertEquals("inner claims 3 bytes but 0 are left", e.getMessage());
    }
}
