package dev.vigil.output.pushgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                """, ExportedLabels.rename(page, RESERVED));
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
                last_line_without_newline{exported_instance="x"} 2""", ExportedLabels.rename(page, RESERVED));
    }
}
