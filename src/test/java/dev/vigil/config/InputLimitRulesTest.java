package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.Regex;
import dev.vigil.text.ByteSizes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure rules behind the input limits: body limit, size spelling, Jackson's limits in our words, shortening. */
class InputLimitRulesTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "8388608, 8388608"})
    void bodyLimitsUpToTheCapPass(long bytes, long expected) {
        assertEquals(expected, Sizes.bodyLimit(bytes));
    }

    @ParameterizedTest
    @CsvSource({"8388609, 8388609 bytes", "9437184, 9MiB", "1125899906842624, 1048576GiB"})
    void bodyLimitsAboveTheCapSayTheCapAndWhatWasAsked(long bytes, String asked) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.bodyLimit(bytes));

        assertEquals("must be at most 8MiB (the most body bytes a probe may read), got " + asked, e.getMessage());
        assertEquals(8L << 20, HttpSpec.MAX_BODY_BYTES);
    }

    @ParameterizedTest
    @CsvSource({"1, 1 bytes", "1023, 1023 bytes", "1024, 1KiB", "1536, 1536 bytes", "65536, 64KiB", "1048576, 1MiB",
            "1073741824, 1GiB", "3221225472, 3GiB"})
    void formatsSizesInTheirLargestExactUnit(long bytes, String text) {
        assertEquals(text, ByteSizes.format(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Token count (250001) exceeds the maximum allowed (250000, from `StreamReadConstraints.getMaxTokenCount()`) | more than 250000 JSON tokens",
            "Number value length (101) exceeds the maximum allowed (100, from `StreamReadConstraints.getMaxNumberLength()`) | the number is longer than 100 characters",
            "String value length (1048577) exceeds the maximum allowed (1048576, from `StreamReadConstraints.getMaxStringLength()`) | the string is longer than 1048576 characters",
            "Name length (1025) exceeds the maximum allowed (1024, from `StreamReadConstraints.getMaxNameLength()`) | a key is longer than 1024 characters",
            "Document nesting depth (66) exceeds the maximum allowed (65, from `StreamReadConstraints.getMaxNestingDepth()`) | nested deeper than 64 levels",
            "Document length (9) exceeds the maximum allowed (8, from `StreamReadConstraints.getMaxDocumentLength()`) | Document length (9) exceeds the maximum allowed (8)",
    })
    void saysJacksonsLimitsInOurWords(String jackson, String ours) {
        assertEquals(ours, TreeReader.limit(jackson));
    }

    @Test
    void shortTextIsKeptWhole() {
        String text = "x".repeat(Problems.MAX_TEXT);

        assertEquals(text, Problems.shorten(text));
    }

    @Test
    void longTextKeepsBothEnds() {
        String text = "a".repeat(300) + "b".repeat(300);

        assertEquals("a".repeat(200) + "… (200 characters left out) …" + "b".repeat(200), Problems.shorten(text));
    }

    @Test
    void controlCharactersAreEscapedSoAnErrorStaysOneLine() {
        assertEquals("unknown key 'a\\nb\\tc\\r\\u001b[31m\\u0085é'",
                Problems.printable("unknown key 'a\nb\tc\r\u001b[31m\u0085é'"));
    }

    @Test
    void aRegexAtTheCapCompilesAndALongerOneIsRefusedUnquoted() {
        assertEquals(Regex.MAX_LENGTH, Regex.of("a".repeat(Regex.MAX_LENGTH)).source().length());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regex.of("(".repeat(5000)));

        assertEquals("the regex is 5000 characters long; the limit is 1000", e.getMessage());
    }
}
