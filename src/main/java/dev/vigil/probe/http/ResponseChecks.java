package dev.vigil.probe.http;

import dev.vigil.net.BoundedBody;
import dev.vigil.text.ByteSizes;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.Regex;
import java.net.URI;

/** Judges the final response against the expectations; pure, so every rule is a row in a table test. */
final class ResponseChecks {
    private static final int SNIPPET = 120;

    private ResponseChecks() {
    }

    /**
     * The first expectation the response breaks, or null when it is healthy. A quoted body is redacted before it is
     * cut, so a credential echoed across the cut cannot leave half of itself in the snippet.
     */
    static Failure check(HttpExpectations expect, URI url, int status, BoundedBody body, long maxBodyBytes, Redactor redactor) {
        if (body.truncated()) {
            return new Failure(FailureKind.BODY_TOO_LARGE, "the body of " + url + " is larger than the " + ByteSizes.text(maxBodyBytes)
                    + " limit (maxBodySize); raise the limit or probe a lighter health endpoint");
        }
        if (!expect.accepts(status)) {
            String text = snippet(redactor.redact(body.text()));
            return new Failure(FailureKind.HTTP_STATUS, url + " answered " + status + ", expected " + expect.describeStatuses()
                    + (text.isEmpty() ? "" : "; body starts: " + text));
        }
        String text = body.text();
        for (Regex regex : expect.bodyMustMatch()) {
            if (!regex.foundIn(text)) {
                return new Failure(FailureKind.BODY_MISMATCH, "the body of " + url + " does not match /" + regex
                        + "/; body starts: " + snippet(redactor.redact(text)));
            }
        }
        for (Regex regex : expect.bodyMustNotMatch()) {
            if (regex.foundIn(text)) {
                return new Failure(FailureKind.BODY_MISMATCH, "the body of " + url + " matches /" + regex
                        + "/, which marks it unhealthy; body starts: " + snippet(redactor.redact(text)));
            }
        }
        return null;
    }

    private static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ").replaceAll("[^\\x20-\\x7e\\u00a0-\\uffff]", "?");
        return oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "…" : oneLine;
    }

}
