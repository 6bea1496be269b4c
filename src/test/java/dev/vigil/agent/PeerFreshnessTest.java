package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.web.Where;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a peer's rows are shown, with their states, and what the page says of them. */
class PeerFreshnessTest {
    private static final Instant ANSWERED = Instant.parse("2026-12-02T12:00:00Z");
    private static final PeerAnswer ANSWER = new PeerAnswer(new Where("b", "us-east", null, "http://b:1"), List.of(),
            Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                          | answered | failure          | age s | shown | states | note
        "never polled                    | false    | -                | 0     | false | false  | peer http://b:1 has not been polled yet",
        "never answered                  | false    | connection refused | 0   | false | false  | peer http://b:1 does not answer: connection refused",
        "answered last poll              | true     | -                | 10    | true  | true   | -",
        "answered, polls stopped         | true     | -                | 61    | true  | true   | peer b did not answer since 2026-12-02T12:00:00Z",
        "failed, answer recent           | true     | HTTP 503         | 20    | true  | true   | peer b did not answer since 2026-12-02T12:00:00Z: HTTP 503",
        "failed, answer 3 min old        | true     | HTTP 503         | 180   | true  | true   | peer b did not answer since 2026-12-02T12:00:00Z: HTTP 503",
        "failed, answer older: no states | true     | HTTP 503         | 181   | true  | false  | peer b did not answer since 2026-12-02T12:00:00Z: HTTP 503",
        "polls stopped long ago          | true     | -                | 3600  | true  | false  | peer b did not answer since 2026-12-02T12:00:00Z",
        "the time shown to the second    | true     | HTTP 503         | 1     | true  | true   | peer b did not answer since 2026-12-02T12:00:00Z: HTTP 503"})
    void decides(String name, boolean answered, String failure, long ageSeconds, boolean shown, boolean states,
            String note) {
        Instant at = name.startsWith("the time") ? ANSWERED.plusNanos(468_196_257) : ANSWERED;
        PeerView peer = new PeerView("http://b:1", answered ? ANSWER : null, answered ? at : null, failure);

        PeerFreshness freshness = PeerFreshness.of(peer, ANSWERED.plusSeconds(ageSeconds), Duration.ofSeconds(60));

        assertEquals(new PeerFreshness(shown, states, note), freshness);
    }
}
