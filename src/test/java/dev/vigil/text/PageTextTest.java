package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTextTest {
    /** Label values are the targets' text: accents, CJK and characters outside the BMP (two chars each) included. */
    private static final String PAGE = "probe_success{instance=\"é.test\",name=\"證明書 \uD83D\uDD12\"} 1.0\n";

    @ParameterizedTest(name = "buffer of {0} chars")
    @ValueSource(ints = {1, 2, 3, 7, 64, 65_536})
    void everyWayOfWritingGivesTheUtf8OfTheText(int chars) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PageText text = new PageText(out, chars);
        text.write(PAGE.substring(0, 10));
        text.write(PAGE, 10, 20);
        text.write(PAGE.charAt(30));
        char[] rest = PAGE.substring(31).toCharArray();
        text.write(rest, 0, rest.length);
        text.flush();

        assertArrayEquals(PAGE.getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void nothingReachesTheStreamBeforeTheBufferFillsOrAFlush() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PageText text = new PageText(out, 64);
        text.write("probe_success 1.0\n");
        assertEquals(0, out.size());

        text.flush();
        assertEquals("probe_success 1.0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBufferOfNoCharactersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PageText(new ByteArrayOutputStream(), 0));
    }
}
