package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.net.BoundedBody;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.Regex;
import dev.vigil.probe.StatusRange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseChecksTest {
    private static final URI URL = URI.create("https://api.test/healthz");

    private static Failure check(HttpExpectations expect, int status, String body, boolean truncated) {
        return ResponseChecks.check(expect, URL, status, new BoundedBody(body.getBytes(StandardCharsets.UTF_8), truncated), 1024, Redactor.of(List.of()));
    }

    private static HttpExpectations expect(List<String> statuses, List<String> must, List<String> mustNot) {
        return new HttpExpectations(statuses.stream().map(StatusRange::parse).toList(), must.stream().map(Regex::of).toList(),
                mustNot.stream().map(Regex::of).toList(), true, false);
    }

    @Test
    void aCredentialAcrossTheSnippetsEndLeavesNoPartOfItself() {
        String token = "tok-0123456789abcdef";
        Redactor redactor = Redactor.of(List.of(new Header("Authorization", "Bearer " + token, false)));
        String body = "x".repeat(110) + " " + token + " and more";
        Failure f = ResponseChecks.check(HttpExpectations.DEFAULT, URL, 500, new BoundedBody(body.getBytes(StandardCharsets.UTF_8), false), 1024, redactor);
        assertEquals("https://api.test/healthz answered 500, expected 2xx; body starts: " + "x".repeat(110) + " *** and m…", f.message());
    }

    @Test
    void anyTwoHundredPassesByDefault() {
        assertNull(check(HttpExpectations.DEFAULT, 204, "", false));
        assertNull(check(HttpExpectations.DEFAULT, 299, "ok", false));
    }

    @Test
    void statusOutsideTheDefaultFailsWithTheBodyStart() {
        Failure f = check(HttpExpectations.DEFAULT, 503, "upstream connect error\n or disconnect", false);
        assertEquals(new Failure(FailureKind.HTTP_STATUS,
                "https://api.test/healthz answered 503, expected 2xx; body starts: upstream connect error or disconnect"), f);
    }

    @Test
    void statusRangesAreHonoured() {
        HttpExpectations e = expect(List.of("200", "301-302"), List.of(), List.of());
        assertNull(check(e, 302, "", false));
        assertEquals("https://api.test/healthz answered 204, expected 200, 301-302", check(e, 204, "", false).message());
    }

    @Test
    void requiredPatternMissingIsABodyMismatch() {
        HttpExpectations e = expect(List.of(), List.of("\"status\":\\s*\"ok\""), List.of());
        assertNull(check(e, 200, "{\"status\": \"ok\"}", false));
        Failure f = check(e, 200, "{\"status\": \"degraded\"}", false);
        assertEquals(FailureKind.BODY_MISMATCH, f.kind());
        assertEquals("the body of https://api.test/healthz does not match /\"status\":\\s*\"ok\"/; body starts: {\"status\": \"degraded\"}",
                f.message());
    }

    @Test
    void forbiddenPatternFoundIsABodyMismatch() {
        Failure f = check(expect(List.of(), List.of(), List.of("degraded")), 200, "all degraded", false);
        assertEquals(FailureKind.BODY_MISMATCH, f.kind());
        assertEquals("the body of https://api.test/healthz matches /degraded/, which marks it unhealthy; body starts: all degraded",
                f.message());
    }

    @Test
    void truncatedBodyFailsBeforeAnyOtherCheck() {
        Failure f = check(HttpExpectations.DEFAULT, 500, "x", true);
        assertEquals(new Failure(FailureKind.BODY_TOO_LARGE, "the body of https://api.test/healthz is larger than the 1 KiB"
                + " limit (maxBodySize); raise the limit or probe a lighter health endpoint"), f);
    }
}
