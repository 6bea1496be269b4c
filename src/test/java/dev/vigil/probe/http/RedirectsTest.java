package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.Header;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectsTest {
    @ParameterizedTest(name = "{1} Location {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "http://a.test/x,  301, https://a.test/x, https://a.test/x",
            "http://a.test/x/y, 302, ../z,            http://a.test/z",
            "http://a.test/x,  307, /health,          http://a.test/health",
            "http://a.test/x,  308, //b.test/p,       http://b.test/p",
            "http://a.test/x,  200, /elsewhere,       -",
            "http://a.test/x,  301, -,                -",
            "http://a.test/x,  304, /y,               -",
    })
    void resolvesLocationAgainstTheRequestUrl(String from, int status, String location, String expected) {
        URI target = Redirects.target(URI.create(from), status, location);
        assertEquals(expected, target == null ? null : target.toString());
    }

    @ParameterizedTest(name = "{0} -> {1}: kept {2}")
    @CsvSource({
            "https://a.test/x,     https://a.test/y,     'Authorization,Cookie,X-Token,Accept'",
            "https://a.test/x,     https://A.TEST:443/y, 'Authorization,Cookie,X-Token,Accept'",
            "https://a.test/x,     https://b.test/y,     'Accept'",
            "https://a.test/x,     http://a.test/y,      'Accept'",
            "https://a.test/x,     https://a.test:8443/, 'Accept'",
    })
    void credentialsStayWithinTheirOrigin(String from, String to, String kept) {
        var headers = List.of(new Header("Authorization", "Bearer t", false),
                new Header("Cookie", "s=1", false), new Header("X-Token", "t", true),
                new Header("Accept", "*/*", false));
        var names = Redirects.headersFor(URI.create(from), URI.create(to), headers).stream().map(Header::name).toList();
        assertEquals(List.of(kept.split(",")), names);
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({"POST, 303, GET", "HEAD, 303, HEAD", "POST, 302, GET", "POST, 307, POST", "PUT, 301, PUT", "GET, 308, GET"})
    void methodChangesAsBrowsersDo(String method, int status, String next) {
        assertEquals(next, Redirects.nextMethod(method, status));
    }
}
