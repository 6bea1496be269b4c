package dev.vigil.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule of which URLs an HTTP probe takes, shared by the config file, the flags and the spec itself. */
class HttpSpecUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "ok", value = {
        "https://api.example.com/healthz, ok",
        "HTTP://api.example.com/, ok",
        "ftp://files.example.com/, NOT_HTTP",
        "tls://mail.example.com:25, NOT_HTTP",
        "api.example.com/healthz, NOT_HTTP",
        "http:///nohost, NO_HOST",
        "https://user:secret@api.example.com/, CREDENTIALS"})
    void classifiesEachUrl(String url, HttpSpec.UrlProblem expected) {
        assertEquals(expected, HttpSpec.urlProblem(URI.create(url)));
    }
}
