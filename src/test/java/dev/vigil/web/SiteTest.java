package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which {@code X-Forwarded-Prefix} and {@code --web.route-prefix} values are taken as the prefix of every link. */
class SiteTest {
    @Test
    void onlyAPathOfPathCharactersIsTaken() {
        String[][] cases = {
                {null, ""},
                {"", ""},
                {"/", ""},
                {"/vigil", "/vigil"},
                {"/vigil/", "/vigil"},
                {" /ops/vigil-eu_1 ", "/ops/vigil-eu_1"},
                {"vigil", ""},
                {"//evil.example", ""},
                {"/a\"onmouseover=\"x", ""},
                {"/<script>", ""},
                {"/a b", ""},
                {"/a?b", ""},
                {"/a#b", ""},
                {"/" + "a".repeat(300), ""},
        };
        for (String[] c : cases) {
            assertEquals(c[1], Site.forwardedPrefix(c[0]), Arrays.toString(c));
        }
    }

    @Test
    void aRoutePrefixIsAPathOrNothing() {
        String[][] cases = {
                {"/", ""},
                {"/vigil", "/vigil"},
                {"/vigil/", "/vigil"},
                {"/ops/vigil", "/ops/vigil"},
                {"vigil", null},
                {"", null},
                {"/a b", null},
                {"/a\"b", null},
        };
        for (String[] c : cases) {
            assertEquals(Optional.ofNullable(c[1]), Site.pathPrefix(c[0]), Arrays.toString(c));
        }
    }
}
