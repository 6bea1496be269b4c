package dev.vigil.output.pushgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportedLabelsTest {
    private static final Set<String> RESERVED = Set.of("job", "instance");

    @Test
    void renamesReservedLabelsOnSampleLines() {
        String page = """
                # HELP probe_success Displays whether or not the probe was a success
                # TYPE probe_success gauge
                probe_success{probe="api",instance="https://api.example/"} 1.0
                probe_success{job="batch",probe="shop",instance="https://shop.example/",team="web",} 0.0
                """;

        assertEquals("""
                # HELP probe_success Displays whether or not the probe was a success
                # TYPE probe_success gauge
                probe_success{probe="api",exported_instance="https://api.example/"} 1.0
                probe_success{exported_job="batch",probe="shop",exported_instance="https://shop.example/",team="web",} 0.0
                """, renamed(page));
    }

    @Test
    void leavesValuesCommentsAndUnlabelledSamplesAlone() {
        String page = """
                # HELP odd Mentions {instance="x"} in its help
                odd{note="say \\"instance=\\\\\\" here, {instance=\\"x\\"}",path="a,b}"} 1
                vigil_push_failures_total 0.0
                last_line_without_newline{instance="x"} 2""";

        assertEquals("""
                # HELP odd Mentions {instance="x"} in its help
                odd{note="say \\"instance=\\\\\\" here, {instance=\\"x\\"}",path="a,b}"} 1
                vigil_push_failures_total 0.0
                last_line_without_newline{exported_instance="x"} 2""", renamed(page));
    }

    @Test
    void anyWayOfCuttingTheWritesGivesTheSameBytes() throws IOException {
        String page = """
                # TYPE probe_success gauge
                probe_success{probe="café",instance="https://bücher.example/"} 1.0
                probe_success{instance="https://api.example/",job="x"} 0.0
                """;
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream renaming = ExportedLabels.renaming(out, RESERVED)) {
            for (int at = 0; at < bytes.length; at += 7) {
                renaming.write(bytes, at, Math.min(7, bytes.length - at));
                renaming.flush();
            }
        }

        assertEquals(renamed(page), out.toString(StandardCharsets.UTF_8));
        assertEquals("""
                # TYPE probe_success gauge
                probe_success{probe="café",exported_instance="https://bücher.example/"} 1.0
                probe_success{exported_instance="https://api.example/",exported_job="x"} 0.0
                """, out.toString(StandardCharsets.UTF_8));
    }

    /** {@code page} written at once through the renaming stream. */
    private static String renamed(String page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream renaming = ExportedLabels.renaming(out, RESERVED)) {
            renaming.write(page.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
