package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.HttpSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever a config file holds or names, loading it ends with a located error instead of running out of memory,
 * blocking, or failing without a location: files are bounded in bytes and time, the JSON in depth and size.
 */
@Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputLimitsTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get, () -> "vigil-test");
    private static final String PROBE = "{'name': 'api', 'url': 'https://api.example.com/'}";

    @TempDir
    Path dir;

    @Test
    void aConfigFileLargerThanItsCapIsRefusedUnread() throws IOException {
        // Valid JSON, padded with blanks past the cap: only its size is wrong.
        Path file = ConfigFiles.write(dir, "{'probes': [" + PROBE + "]}" + " ".repeat((int) ConfigLoader.MAX_CONFIG_BYTES));

        assertEquals(List.of(file + ": $: cannot read the config file (larger than the limit of 8 MiB)"), errors(file));
    }

    @ParameterizedTest
    @CsvSource({"/dev/zero, 'a FIFO, socket or device'", "/tmp, a directory"})
    void aConfigPathThatIsNotARegularFileIsRefusedUnread(Path file, String what) {
        assertEquals(List.of(file + ": $: cannot read the config file (not a regular file (" + what + "))"), errors(file));
    }

    @Test
    void aConfigPathThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = fifo("probes.json");

        assertEquals(List.of(fifo + ": $: cannot read the config file (not a regular file (a FIFO, socket or device))"),
                errors(fifo));
    }

    @Test
    void aSecretFileLargerThanItsCapIsALocatedError() throws IOException {
        Files.write(dir.resolve("big-key"), new byte[(int) References.MAX_FILE_BYTES + 1]);
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'headers': {'X-Key': '${file:big-key}'}}]}
                """);

        assertEquals(List.of(file + ":2:35: $.probes[0].headers['X-Key']: cannot read file 'big-key' referenced in"
                + " header value (larger than the limit of 64 KiB)"), errors(file));
    }

    @Test
    void aSecretFileThatIsADeviceFifoOrFolderIsALocatedError() throws Exception {
        fifo("pipe");
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'headers': {'A': '${file:/dev/zero}', 'B': '${file:pipe}', 'C': '${file:.}'}}]}
                """);

        assertEquals(List.of(
                file + ":2:31: $.probes[0].headers.A: cannot read file '/dev/zero' referenced in header value"
                        + " (not a regular file (a FIFO, socket or device))",
                file + ":2:57: $.probes[0].headers.B: cannot read file 'pipe' referenced in header value"
                        + " (not a regular file (a FIFO, socket or device))",
                file + ":2:78: $.probes[0].headers.C: cannot read file '.' referenced in header value"
                        + " (not a regular file (a directory))"), errors(file));
    }

    @Test
    void aSecretFileThatIsNotUtf8IsALocatedError() throws IOException {
        Files.write(dir.resolve("key"), new byte[] {'k', (byte) 0xff, 'y'});
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'headers': {'X-Key': '${file:key}'}}]}
                """);

        assertEquals(List.of(file + ":1:85: $.probes[0].headers['X-Key']: cannot read file 'key' referenced in"
                + " header value (not UTF-8 text)"), errors(file));
    }

    @Test
    void aCaFileLargerThanItsCapIsALocatedError() throws IOException {
        String pem = Files.readString(Path.of("src/test/resources/config/bad/ca.pem"));
        // Valid certificates, repeated past the cap.
        Files.writeString(dir.resolve("big.pem"), pem.repeat(1 + (1 << 20) / pem.length()));
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'tls': {'caFile': 'big.pem'}}]}
                """);

        assertEquals(List.of(file + ":1:82: $.probes[0].tls.caFile: caFile 'big.pem' holds no usable PEM certificate:"
                + " larger than the limit of 1 MiB"), errors(file));
    }

    @Test
    void nestingDeeperThanTheCapIsALocatedError() {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'labels': "
                + "[".repeat(70) + "]".repeat(70) + "}]}");

        List<String> errors = errors(file);

        assertEquals(List.of(file + ":1:135: $.probes[0].labels" + "[0]".repeat(61)
                + ": nested deeper than 64 levels; a config needs far fewer"), errors);
    }

    @Test
    void nestingBeyondTheJsonReadersOwnLimitIsALocatedError() {
        Path file = ConfigFiles.write(dir, "{'probes': " + "[".repeat(5000) + "]".repeat(5000) + "}");

        List<String> errors = errors(file);

        assertEquals(List.of(file + ":1:75: $.probes" + "[0]".repeat(63)
                + ": nested deeper than 64 levels; a config needs far fewer"), errors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a 2000-digit number | 'interval': 1{9*1999} | 1:64: $.probes[0].interval: too large: the number is longer than 100 characters",
            "a 2 MiB string      | 'method': 'A{A*2097152}' | 1:74: $.probes[0].method: too large: the string is longer than 1048576 characters",
            "a 60000-char key    | 'k{k*60000}': 1 | 1:2118: $.probes[0]: too large: a key is longer than 1024 characters",
    })
    void jsonValuesBeyondTheReadersLimitsAreLocatedErrors(String what, String member, String expected) {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/', "
                + expand(member) + "}]}");

        assertEquals(List.of(file + ":" + expected), errors(file));
    }

    @Test
    void tooManyValuesIsALocatedError() {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'labels': ["
                + "0,".repeat(TreeReader.MAX_TOKENS) + "0]}]}");

        List<String> errors = errors(file);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.getFirst().matches("\\Q" + file + "\\E:1:\\d+: \\$\\.probes\\[0]\\.labels\\[\\d+]: too large:"
                + " more than " + TreeReader.MAX_TOKENS + " JSON tokens"), errors::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"9MiB\"     | 1:79: $.probes[0].maxBodySize: must be at most 8MiB (the most body bytes a probe may read), got 9MiB",
            "8388609    | 1:79: $.probes[0].maxBodySize: must be at most 8MiB (the most body bytes a probe may read), got 8388609 bytes",
            "\"1048576GiB\" | 1:79: $.probes[0].maxBodySize: must be at most 8MiB (the most body bytes a probe may read), got 1048576GiB",
    })
    void maxBodySizeIsCapped(String size, String expected) {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'maxBodySize': "
                + size + "}]}");

        assertEquals(List.of(file + ":" + expected), errors(file));
    }

    @Test
    void maxBodySizeAtTheCapIsValid() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'maxBodySize': '8MiB'}]}");

        assertEquals(8L << 20, ((HttpSpec) LOADER.load(file).probes().getFirst().spec()).maxBodyBytes());
    }

    @ParameterizedTest
    @CsvSource({"expectBodyMatches, 1:92", "failIfBodyMatches, 1:92"})
    void aRegexLongerThanTheCapIsALocatedErrorThatDoesNotQuoteIt(String key, String at) {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/', '" + key
                + "': ['ok', '" + "(a|b)*".repeat(100_000) + "']}]}");

        assertEquals(List.of(file + ":" + at + ": $.probes[0]." + key + "[1]: the regex is 600000 characters long;"
                + " the limit is 1000"), errors(file));
    }

    @Test
    void aRegexAtTheCapIsValid() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/',"
                + " 'expectBodyMatches': ['" + "a".repeat(1000) + "']}]}");

        assertEquals(1, LOADER.load(file).probes().size());
    }

    @Test
    void onlyTheFirstHundredErrorsAreListedAndTheRestCounted() {
        StringBuilder probes = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            probes.append(i == 0 ? "" : ",").append("{'name': 'p").append(i).append("', 'url': 'https://x.example/', 'colour': 1}");
        }
        Path file = ConfigFiles.write(dir, "{'probes': [\n" + probes.toString().replace("},{", "},\n{") + "]}");

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));
        List<String> errors = e.errors().stream().map(ConfigError::describe).toList();

        assertEquals(150, e.count());
        assertEquals(101, errors.size());
        assertEquals(file + ":101:46: $.probes[99].colour: unknown key 'colour'", errors.get(99));
        assertEquals(file + ":102:47: $.probes[100].colour: 50 more error(s) not listed, the first of them here", errors.get(100));
    }

    @Test
    void aLongQuotedValueIsShortenedInTheMiddle() {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'ftp://" + "x".repeat(100_000) + "/'}]}");

        String error = errors(file).getFirst();

        assertTrue(error.length() < 700, error);
        assertTrue(error.endsWith("/' must use http or https, not ftp"), error);
        assertTrue(error.contains(" characters left out) "), error);
    }

    @Test
    void invalidUtf8IsALocatedSyntaxError() throws IOException {
        byte[] json = "{'probes': [{'name': 'a?', 'url': 'https://x.example/'}]}".replace('\'', '"')
                .getBytes(StandardCharsets.US_ASCII);
        json[23] = (byte) 0xff;
        Path file = Files.write(dir.resolve("probes.json"), json);

        assertEquals(List.of(file + ":1:25: $.probes[0].name: invalid JSON: Invalid UTF-8 start byte 0xff"), errors(file));
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, mkfifo.exitValue());
        return fifo;
    }

    /** {@code {c*n}} stands for n times the character c, to keep huge values out of the source. */
    private static String expand(String text) {
        Matcher m = Pattern.compile("\\{(.)\\*(\\d+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        return m.appendTail(out).toString();
    }

    private static List<String> errors(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));
        return e.errors().stream().map(ConfigError::describe).toList();
    }
}
