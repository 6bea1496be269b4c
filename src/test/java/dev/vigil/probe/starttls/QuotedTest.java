package dev.vigil.probe.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotedTest {
    static Stream<Arguments> quotes() {
        return Stream.of(
                Arguments.of("220 ready", "'220 ready'"),
                Arguments.of("", "''"),
                Arguments.of("a\r\nb\tc", "'a\\r\\nb\\tc'"),
                Arguments.of("back\\slash", "'back\\\\slash'"),
                Arguments.of("\u001b[31mred\u0000\u007f", "'\\x1b[31mred\\x00\\x7f'"),
                Arguments.of("caf\u00e9 \u2603", "'caf\\xe9 \\u2603'"),
                Arguments.of("y".repeat(120), "'" + "y".repeat(120) + "'"),
                Arguments.of("y".repeat(121), "'" + "y".repeat(120) + "…'"));
    }

    @ParameterizedTest
    @MethodSource
    void quotes(String text, String expected) {
        assertEquals(expected, Quoted.of(text));
    }
}
