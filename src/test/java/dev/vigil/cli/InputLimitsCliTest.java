package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Config input that used to end in {@code OutOfMemoryError} or {@code NullPointerException} is a located error: exit 2
 * from {@code validate}, 3 from the commands that need a valid config; flags obey the same caps as config keys.
 */
class InputLimitsCliTest {
    private static final String NOT_REGULAR = "cannot read the config file (not a regular file (a FIFO, socket or device))";

    @TempDir
    Path dir;

    @Test
    void validatingADeviceIsAnErrorNotOutOfMemory() {
        CliRun run = vigil("validate", "/dev/zero");

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("/dev/zero: 1 error(s)\n/dev/zero: $: " + NOT_REGULAR + "\n", run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void validatingAFileAboveTheCapIsAnError() throws Exception {
        Path file = Files.write(dir.resolve("probes.json"), new byte[9 << 20]);

        CliRun run = vigil("validate", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().endsWith(file + ": $: cannot read the config file (larger than the limit of 8 MiB)\n"),
                run::toString);
    }

    @Test
    void aSecretFileThatIsADeviceIsALocatedError() throws Exception {
        Path file = Files.writeString(dir.resolve("probes.json"),
                "{\"probes\": [{\"name\": \"a\", \"url\": \"https://a.example/\", \"headers\": {\"K\": \"${file:/dev/zero}\"}}]}");

        CliRun run = vigil("validate", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(file + ":1:73: $.probes[0].headers.K: cannot read file '/dev/zero' referenced in header value"
                + " (not a regular file (a FIFO, socket or device))", run.stderr().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void theCountIsOfAllErrorsWhenOnlyTheFirstAreListed() throws Exception {
        StringBuilder probes = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            probes.append(i == 0 ? "" : ",\n").append("{\"name\": \"p").append(i).append("\", \"url\": \"https://x.example/\", \"colour\": 1}");
        }
        Path file = Files.writeString(dir.resolve("probes.json"), "{\"probes\": [\n" + probes + "]}");

        CliRun run = vigil("validate", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        List<String> lines = run.stderr().lines().toList();
        assertEquals(file + ": 120 error(s)", lines.getFirst());
        assertEquals(102, lines.size(), run::toString);
        assertEquals(file + ":102:47: $.probes[100].colour: 20 more error(s) not listed, the first of them here", lines.getLast());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 2000})
    void deepNestingIsALocatedError(int depth) throws Exception {
        Path file = Files.writeString(dir.resolve("probes.json"), "{\"probes\": " + "[".repeat(depth) + "]".repeat(depth) + "}");

        CliRun run = vigil("validate", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(file + ":1:75: $.probes" + "[0]".repeat(63) + ": nested deeper than 64 levels; a config needs far fewer",
                run.stderr().lines().skip(1).findFirst().orElseThrow());
        assertFalse(run.stderr().contains("Exception"), run::toString);
    }

    @Test
    void theAgentRefusesAConfigThatIsNotUtf8WithALocatedError() throws Exception {
        byte[] json = "{\"probes\": [{\"name\": \"a?\", \"url\": \"https://a.example/\"}]}".getBytes(StandardCharsets.US_ASCII);
        json[23] = (byte) 0xff;
        Path file = Files.write(dir.resolve("probes.json"), json);

        CliRun run = vigil("run", "--config", file.toString(), "--state-dir", dir.resolve("state").toString(),
                "--listen", "127.0.0.1:0");

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(file + ": 1 error(s); not starting",
                file + ":1:25: $.probes[0].name: invalid JSON: Invalid UTF-8 start byte 0xff"), run.stderr().lines().toList());
    }

    @Test
    void probingADeviceConfigIsUnknownNamingTheProblem() {
        CliRun run = vigil("probe", "--config", "/dev/zero");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("/dev/zero: $: " + NOT_REGULAR), run::toString);
        assertEquals(run.stderr().lines().findFirst().orElseThrow() + "\n", run.stdout(), run::toString);
    }

    @Test
    void maxBodySizeFlagObeysTheConfigCap() {
        CliRun run = vigil("probe", "--max-body-size", "9MiB", "http://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--max-body-size: must be at most 8MiB (the most body bytes a probe may read),"
                + " got 9MiB"), run::toString);
    }

    @Test
    void aCaFileFlagNamingADeviceIsRefusedUnread() {
        CliRun run = vigil("probe", "--ca-file", "/dev/zero", "https://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--ca-file /dev/zero: not a regular file (a FIFO, socket or device)"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--expect-body", "--fail-if-body"})
    void bodyRegexFlagsObeyTheConfigCap(String flag) {
        CliRun run = vigil("probe", flag, "x".repeat(1001), "http://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(flag + ": the regex is 1001 characters long; the limit is 1000"), run::toString);
        assertFalse(run.stderr().contains("x".repeat(1001)), run::toString);
    }
}
