package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.Header;
import dev.vigil.probe.HttpSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${ENV}} and {@code ${file:…}} references become secret headers whose values never leak. */
class SecretHeadersTest {
    private static final String TOKEN = "tok-7f3a9c";
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("PAYMENTS_TOKEN", TOKEN)::get);

    @TempDir
    Path dir;

    @Test
    void envAndFileReferencesBecomeSecretHeaders() throws Exception {
        Files.writeString(dir.resolve("api-key"), "key-from-file\n");
        Path absolute = Files.writeString(dir.resolve("cookie"), "session=abc\r\n");
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'headers': {'X-Api-Key': '${file:api-key}'}},
                 'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'headers': {'Authorization': 'Bearer ${PAYMENTS_TOKEN}', 'Cookie': '${file:%s}',
                                         'Accept': 'application/json'}}]}
                """.formatted(absolute));

        List<Header> headers = ((HttpSpec) LOADER.load(file).probes().getFirst().spec()).headers();

        assertEquals(List.of(new Header("X-Api-Key", "key-from-file", true),
                new Header("Authorization", "Bearer " + TOKEN, true),
                new Header("Cookie", "session=abc", true),
                new Header("Accept", "application/json", false)), headers);
    }

    @Test
    void secretValuesAreAbsentFromToString() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'headers': {'Authorization': 'Bearer ${PAYMENTS_TOKEN}'}}]}
                """);

        VigilConfig config = LOADER.load(file);

        Header header = ((HttpSpec) config.probes().getFirst().spec()).headers().getFirst();
        assertEquals("Authorization: <redacted>", header.toString());
        assertFalse(config.toString().contains(TOKEN), config::toString);
    }

    @Test
    void secretValuesAreAbsentFromErrors() {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'timeout': 'never',
                             'headers': {'Authorization': 'Bearer ${PAYMENTS_TOKEN}', 'Bad Name': '${PAYMENTS_TOKEN}',
                                         'X-Number': 12345}}]}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(
                "1:75: $.probes[0].timeout: 'never' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                "2:71: $.probes[0].headers['Bad Name']: header name 'Bad Name' is not a valid HTTP header name",
                "3:38: $.probes[0].headers['X-Number']: expected a string, got number"), relative(file, e));
        assertFalse(e.getMessage().contains(TOKEN), e::getMessage);
        assertFalse(e.getMessage().contains("12345"), e::getMessage);
    }

    @Test
    void unreadableFileAndUnsetVariableAreNamedButNotTheirContent() throws Exception {
        Files.writeString(dir.resolve("multi"), "line1\nline2\n");
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'headers': {'A': '${file:missing.txt}', 'B': '${NOPE}', 'C': '${file:multi}', 'D': 'x${'}}]}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(
                "2:31: $.probes[0].headers.A: cannot read file 'missing.txt' referenced in header value (no such file)",
                "2:59: $.probes[0].headers.B: environment variable 'NOPE' is not set",
                "2:75: $.probes[0].headers.C: the value of header 'C' contains a line break",
                "2:97: $.probes[0].headers.D: unterminated '${' reference in header value"), relative(file, e));
        assertFalse(e.getMessage().contains("line1"), e::getMessage);
    }

    private static List<String> relative(Path file, ConfigException e) {
        return e.errors().stream().map(ConfigError::describe).map(s -> s.substring(file.toString().length() + 1)).toList();
    }
}
