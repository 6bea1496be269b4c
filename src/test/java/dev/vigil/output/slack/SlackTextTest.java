package dev.vigil.output.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Cutting text to Slack's limits. */
class SlackTextTest {
    @Test
    void shortTextIsKept() {
        assertEquals("abc", SlackText.clip("abc", 20));
    }

    @Test
    void longTextEndsWithTheMarkerWithinTheLimit() {
        String clipped = SlackText.clip("a".repeat(100), 20);
        assertEquals("a".repeat(7) + "… (truncated)", clipped);
        assertEquals(20, clipped.length());
    }

    @Test
    void neitherASurrogatePairNorAnEntityIsCut() {
        assertEquals("abcdef… (truncated)", SlackText.clip("abcdef🔴" + "x".repeat(20), 20));
        assertEquals("abcd… (truncated)", SlackText.clip("abcd&amp;" + "x".repeat(20), 20));
        assertEquals("a&lt;… (truncated)", SlackText.clip("a&lt;&gt;" + "x".repeat(20), 20));
    }
}
