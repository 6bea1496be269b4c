package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a {@code /probe} target means for each kind of module, and how long its run may take. */
class ProbeTargetTest {
    @ParameterizedTest(name = "{0} in a {1} module is {2}")
    @CsvSource({
        "https://a.example/x?y=1, http, https://a.example/x?y=1",
        "HTTP://a.example/, http, HTTP://a.example/",
        "a.example:8080, http, http://a.example:8080",
        "a.example, http, http://a.example",
        "127.0.0.1:9000/health, http, http://127.0.0.1:9000/health",
        "tls://mail.example:993, tls, tls://mail.example:993",
        "mail.example:993, tls, tls://mail.example:993",
        "mail.example, tls, tls://mail.example",
    })
    void urls(String target, String kind, String url) {
        assertEquals(URI.create(url), ProbeTarget.url(target, kind));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "https://u:SECRETPART@a.example/|target must not contain credentials (user:password@)",
        "https://a b/|target is not a valid URL: Illegal character in authority at index 9",
        "https:///path|target has no host",
    })
    void refusals(String target, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> ProbeTarget.url(target, "http")).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"mail.example:993/x", "tls://mail.example:993?token=SECRETPART", "mail.example:993#f"})
    void aTlsTargetIsHostAndPortOnlyAndNeverQuoted(String target) {
        assertEquals("a tls module's target is host[:port] only, without a path or query",
                assertThrows(IllegalArgumentException.class, () -> ProbeTarget.url(target, "tls")).getMessage());
    }

    @ParameterizedTest(name = "module {0}, header {1}: {2}")
    @CsvSource(nullValues = "none", value = {
        "PT10S, none, PT10S",
        "PT10S, 4, PT3.5S",
        "PT10S, 15, PT10S",
        "PT10S, 0.4, PT10S",
        "PT2S, 1.5, PT1S",
        "PT1M, none, PT25S",
        "PT1M, 100, PT25S",
    })
    void timeouts(Duration module, String header, Duration expected) {
        assertEquals(expected, ProbeTarget.timeout(module, header, Duration.ofSeconds(25)));
    }

    @ParameterizedTest
    @CsvSource({"soon", "-1", "0", "NaN", "Infinity"})
    void aHeaderThatIsNoPositiveNumberIsRefused(String header) {
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.timeout(Duration.ofSeconds(10), header,
                Duration.ofSeconds(25)));
    }
}
