package dev.vigil.output.pushgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupUriTest {
    private static final URI BASE = URI.create("http://pushgateway:9091");

    @Test
    void plainValuesArePathSegmentsInOrder() {
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("instance", "host-1.example");
        grouping.put("dc", "eu_1");

        assertEquals(URI.create("http://pushgateway:9091/metrics/job/vigil/instance/host-1.example/dc/eu_1"),
                GroupUri.of(BASE, "vigil", grouping));
    }

    @Test
    void slashesAndEmptyValuesGoAsBase64() {
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("path", "/var/tmp");
        grouping.put("empty", "");
        grouping.put("dots", "..");

        assertEquals(URI.create("http://pushgateway:9091/metrics/job@base64/YS9i/path@base64/L3Zhci90bXA="
                + "/empty@base64/=/dots@base64/Li4="), GroupUri.of(BASE, "a/b", grouping));
    }

    @Test
    void otherCharactersArePercentEncoded() {
        assertEquals(URI.create("http://pushgateway:9091/metrics/job/vigil%20agent/site/Z%C3%BCrich%3F%23"),
                GroupUri.of(BASE, "vigil agent", Map.of("site", "Zürich?#")));
    }

    @Test
    void keepsTheBasePathWithoutItsTrailingSlash() {
        assertEquals(URI.create("https://gw.example/push/metrics/job/vigil"),
                GroupUri.of(URI.create("https://gw.example/push/"), "vigil", Map.of()));
    }
}
