package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil validate} on mutated valid configs and on special files: whatever the input, it exits 0, 2 or 3,
 * prints no Java stack trace or exception name, and locates every error it lists (file:line:column and a JSON path;
 * only a file that cannot be read at all is named without a line). Mutations come from a fixed seed, so a failure
 * names a case that fails again.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigFuzzTest {
    private static final long SEED = 13;
    private static final Map<String, String> ENV = Map.of("TOKEN", "t0k3n", "SLACK_URL", "https://hooks.slack.com/services/T0/B0/X");
    /** A config using every part of the format that reads files or references: headers, caFile, outputs. */
    private static final String RICH = """
            {
              "defaults": {"interval": "30s", "timeout": "5s", "headers": {"X-Api-Key": "${file:api-key}"},
                           "expectStatus": [200, "300-302"], "maxBodySize": "64KiB", "labels": {"env": "prod"}},
              "probes": [
                {"name": "api", "url": "https://api.example.com/healthz", "headers": {"Authorization": "Bearer ${TOKEN}"},
                 "expectBodyMatches": ["\\"status\\":\\\\s*\\"ok\\""], "failIfBodyMatches": ["degraded"],
                 "tls": {"caFile": "ca.pem", "warnDays": 21, "critDays": 7}, "cert": {"expiryWarnings": ["21d", "7d"]},
                 "dns": {"resolvers": ["10.0.0.2"], "expect": {"addresses": ["203.0.113.7"]}}},
                {"name": "web", "url": "http://www.example.com/", "followRedirects": false, "expectHttpsRedirect": true,
                 "expectStatus": ["301-308"], "ipFamily": "ipv4", "httpVersion": "1.1", "maxBodySize": 262144}
              ],
              "outputs": {
                "slack": [{"name": "oncall", "webhookUrl": "${SLACK_URL}", "severities": ["critical"]}],
                "webhooks": [{"name": "bridge", "url": "https://bridge.example.com/vigil"}],
                "pushgateway": {"url": "https://push.example.com:9091", "job": "vigil", "bearerToken": "${file:api-key}"}
              }
            }
            """;
    /** Names of Java exception or error classes, and stack frames: none may reach the user. */
    private static final Pattern JAVA_LEAK = Pattern.compile("Exception|\\tat |[A-Z]\\w*Error:|java\\.lang\\.");

    @TempDir
    Path dir;
    private final Random random = new Random(SEED);
    private int cases;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("api-key"), "k3y-from-file\n");
        Files.copy(Path.of("src/test/resources/config/bad/ca.pem"), dir.resolve("ca.pem"));
        Files.write(dir.resolve("big"), new byte[1 << 20]);
        Files.createDirectory(dir.resolve("folder"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    }

    @Test
    void theFixturesAreValid() {
        assertEquals(0, validate(RICH.getBytes(StandardCharsets.UTF_8)).exitCode());
        assertEquals(0, validate(Path.of("probes.example.json")).exitCode());
    }

    @Test
    void byteFlipsInsertionsAndDeletions() throws IOException {
        for (byte[] fixture : fixtures()) {
            for (int i = 0; i < 60; i++) {
                byte[] mutated = fixture.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                validate(mutated);
                int at = random.nextInt(fixture.length);
                validate(splice(fixture, at, at + random.nextInt(8), randomBytes(1 + random.nextInt(6))));
            }
        }
    }

    @Test
    void truncationsAtEveryFewBytes() throws IOException {
        for (byte[] fixture : fixtures()) {
            for (int length = 0; length < fixture.length; length += 37) {
                validate(java.util.Arrays.copyOf(fixture, length));
            }
        }
    }

    @Test
    void deepNestingHugeValuesAndDuplicates() throws IOException {
        String rich = RICH;
        List<String> values = List.of(
                "[".repeat(65) + "]".repeat(65),
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "9".repeat(101),
                "9".repeat(5000),
                "-" + "9".repeat(99),
                "1e999999999",
                "1" + "0".repeat(99) + ".5e-99999",
                "\"" + "x".repeat(100_000) + "\"",
                "\"" + "x".repeat((1 << 20) + 1) + "\"",
                "\"" + "(a|b)*".repeat(2000) + "\"",
                "[" + "0,".repeat(300_000) + "0]",
                "{" + "\"k\":1,".repeat(1000) + "\"k\":1}",
                "{\"" + "k".repeat(60_000) + "\":1}",
                "{\"line\\nbreak\\u001b[31m\":1}",
                "\"\\ud800\"",
                "\"8MiB\"", "\"9MiB\"", "\"1048576GiB\"", "8388609", "0", "-1",
                "null", "true", "{}", "[]");
        String[] keys = {"\"interval\": \"30s\"", "\"maxBodySize\": \"64KiB\"", "\"labels\": {\"env\": \"prod\"}",
                "\"degraded\"", "\"job\": \"vigil\""};
        for (String value : values) {
            for (String key : keys) {
                String name = key.substring(0, key.indexOf(':') < 0 ? key.length() : key.indexOf(':'));
                String replaced = key.contains(":") ? rich.replace(key, name + ": " + value) : rich.replace(key, value);
                validate(replaced.getBytes(StandardCharsets.UTF_8));
            }
        }
        // A member repeated, at the top and inside a probe.
        validate(rich.replace("\"probes\": [", "\"probes\": [], \"probes\": [").getBytes(StandardCharsets.UTF_8));
        validate(rich.replace("\"name\": \"api\",", "\"name\": \"api\", \"name\": \"api\",").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[][] sequences = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0x80}};
        for (byte[] fixture : fixtures()) {
            for (int i = 0; i < 60; i++) {
                int at = random.nextInt(fixture.length);
                validate(splice(fixture, at, at, sequences[random.nextInt(sequences.length)]));
            }
        }
        byte[] secret = {'k', (byte) 0xff, (byte) 0xfe};
        Files.write(dir.resolve("api-key"), secret);
        validate(RICH.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void specialFilesAsTheConfigAndAsTheFilesItNames() throws IOException {
        List<String> specials = List.of("/dev/zero", "fifo", "folder", "missing", "big", "/dev/null", "");
        for (String special : specials) {
            validate(dir.resolve(special));
            for (String named : List.of("${file:api-key}", "\"ca.pem\"")) {
                String replacement = named.startsWith("$") ? "${file:" + special + "}" : "\"" + special + "\"";
                validate(RICH.replace(named, replacement).getBytes(StandardCharsets.UTF_8));
            }
        }
        Path large = Files.write(dir.resolve("large.json"), new byte[(8 << 20) + 1]);
        validate(large);
        Files.writeString(dir.resolve("ca.pem"), Files.readString(dir.resolve("ca.pem")).repeat(1000));
        validate(RICH.getBytes(StandardCharsets.UTF_8));
        assertTrue(cases >= specials.size() * 3, "every special file was tried");
    }

    private List<byte[]> fixtures() throws IOException {
        return List.of(RICH.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(Path.of("probes.example.json")));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@code bytes} with {@code [from, to)} replaced by {@code insert}. */
    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        int end = Math.min(to, bytes.length);
        byte[] out = new byte[from + insert.length + bytes.length - end];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, end, out, from + insert.length, bytes.length - end);
        return out;
    }

    private CliRun validate(byte[] config) {
        try {
            return validate(Files.write(dir.resolve("probes.json"), config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code vigil validate file} and checks the rules every run must obey. */
    private CliRun validate(Path file) {
        cases++;
        CliRun run = CliRun.vigil(ENV, "validate", file.toString());
        String where = "case " + cases + " (seed " + SEED + "):\n" + abbreviated(run);
        assertTrue(List.of(0, 2, 3).contains(run.exitCode()), where);
        assertFalse(JAVA_LEAK.matcher(run.stdout() + run.stderr()).find(), where);
        if (run.exitCode() == 0) {
            assertTrue(run.stdout().matches("\\Q" + file + "\\E: valid, \\d+ probe\\(s\\)\n"), where);
            return run;
        }
        List<String> lines = run.stderr().lines().toList();
        if (lines.isEmpty() || !lines.getFirst().matches("\\Q" + file + "\\E: \\d+ error\\(s\\)")) {
            fail("no error count first: " + where);
        }
        Pattern located = Pattern.compile("\\Q" + file + "\\E:\\d+:\\d+: \\$.*: .+");
        Pattern unreadable = Pattern.compile("\\Q" + file + "\\E: \\$: cannot read the config file \\(.+\\)");
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(located.matcher(line).matches() || unreadable.matcher(line).matches(),
                    "unlocated line '" + shorten(line) + "' in " + where);
        }
        assertTrue(lines.size() >= 2, where);
        return run;
    }

    private static String abbreviated(CliRun run) {
        return shorten(run.toString());
    }

    private static String shorten(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1000) + "…" + text.substring(text.length() - 1000);
    }
}
