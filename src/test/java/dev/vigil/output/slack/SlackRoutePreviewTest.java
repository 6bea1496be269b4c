package dev.vigil.output.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.output.Notifications;
import org.junit.jupiter.api.Test;

/** {@link SlackRoute#preview}: what Slack shows, as plain text for {@code vigil demo}. */
class SlackRoutePreviewTest {
    @Test
    void eachBlockOnItsOwnLinesFactsAsLabelAndValueEscapesUndoneNoMention() {
        assertEquals("""
                🔴 Firing · api · down
                *connection refused*
                https://api.example.com/health
                • Nothing listens on 10.0.0.1:443.
                • Check that the service runs.
                DNS: api.example.com -> 10.0.0.1
                `down` · critical · #42 · 2025-06-22T10:00:00Z · env=prod""",
                SlackRoute.preview(Notifications.firing(42)));
    }
}
