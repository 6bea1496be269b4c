package dev.vigil.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.DnsOptions.KubernetesService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bearer token is read anew on every look-up, so a token file swapped for a device or a huge file must not hurt. */
@Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TokenFileLimitsTest {
    @TempDir
    Path dir;

    private static ApiTarget target(Path tokenFile) throws LbLookupException {
        return ApiTarget.resolve(new KubernetesService("ingress", "traefik", URI.create("https://k8s.example:6443"),
                tokenFile, Path.of("/ca.pem")), Map.<String, String>of()::get, Path.of("/sa"));
    }

    @ParameterizedTest
    @CsvSource({"/dev/zero, 'not a regular file (a FIFO, socket or device)'", "/tmp, not a regular file (a directory)"})
    void aTokenFileThatIsNotARegularFileIsRefusedUnread(Path file, String why) throws Exception {
        LbLookupException e = assertThrows(LbLookupException.class, () -> target(file).readToken());

        assertEquals("cannot read the bearer token from " + file + ": " + why, e.getMessage());
    }

    @Test
    void aTokenFileLargerThan64KiBIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "t".repeat((64 << 10) + 1));

        LbLookupException e = assertThrows(LbLookupException.class, () -> target(file).readToken());

        assertEquals("cannot read the bearer token from " + file + ": larger than the limit of 64 KiB", e.getMessage());
    }

    @Test
    void aTokenFileAtTheLimitIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "t".repeat(64 << 10));

        assertEquals(64 << 10, target(file).readToken().length());
    }
}
