package dev.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Webhook URLs as they may be printed. */
class RedactionTest {
    private static final String SLACK = "https://hooks.slack.com/services/T0123ABC/B0456DEF/s3cr3tT0k3n";

    @Test
    void slackUrlKeepsTheWorkspaceOnly() {
        assertEquals("https://hooks.slack.com/services/T0123ABC/***", Redaction.slackUrl(SLACK));
    }

    @Test
    void slackUrlWithoutTheUsualPathHidesThePath() {
        assertEquals("https://hooks.slack.com/services/***", Redaction.slackUrl("https://hooks.slack.com/services/T0"));
        assertEquals("https://hooks.slack.com/***", Redaction.slackUrl("https://hooks.slack.com/workflows/T0/A1/x"));
    }

    @Test
    void otherUrlsKeepSchemeHostAndPort() {
        assertEquals("https://alerts.example.com/***", Redaction.url("https://alerts.example.com/hook/abc?token=x"));
        assertEquals("http://127.0.0.1:8080/***", Redaction.url("http://127.0.0.1:8080/hook"));
        assertEquals("https://hooks.slack.com/services/T0123ABC/***", Redaction.any(SLACK));
        assertEquals("http://127.0.0.1:8080/***", Redaction.any("http://127.0.0.1:8080/services/T0/B0/x"));
    }

    @Test
    void somethingThatIsNotAUrlIsHiddenWhole() {
        assertEquals("***", Redaction.url("not a url with spaces"));
        assertEquals("***", Redaction.slackUrl("hooks.slack.com/services/T0/B0/x"));
    }

    @Test
    void scrubReplacesTheUrlItsPathAndItsQuery() {
        String url = "http://127.0.0.1:9/services/T0/B0/s3cr3t?key=k3y";
        String message = "POST " + url + " failed; path /services/T0/B0/s3cr3t, query key=k3y";
        String scrubbed = Redaction.scrub(message, url);
        assertEquals("POST http://127.0.0.1:9/*** failed; path /***, query /***", scrubbed);
        assertFalse(scrubbed.contains("s3cr3t") || scrubbed.contains("k3y"));
        assertEquals("", Redaction.scrub(null, url));
    }

    @Test
    void credentialsInAUrlAreNeverKept() {
        String url = "https://vigil:pa%24s@am.example.com:9093/prefix";

        assertEquals("https://am.example.com:9093/***", Redaction.url(url));
        assertEquals("at *** and ***@am.example.com, and https://am.example.com:9093/***",
                Redaction.scrub("at vigil:pa$s and vigil:pa%24s@am.example.com, and " + url, url));
    }
}
