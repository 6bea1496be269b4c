package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes as prose; the config spelling is tested in {@code config.ValueSyntaxTest} and {@code InputLimitRulesTest}. */
class ByteSizesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0 bytes", "1000, 1000 bytes", "1024, 1 KiB", "65536, 64 KiB", "1572864, 1536 KiB",
            "8388608, 8 MiB", "33554432, 32 MiB"})
    void textSaysTheLargestExactUnitWithASpace(long bytes, String expected) {
        assertEquals(expected, ByteSizes.text(bytes));
    }
}
