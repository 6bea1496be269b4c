package dev.vigil.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {
    @ParameterizedTest(name = "{0} against [{1}] cn={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "api.example.com   | api.example.com              | -            | true",
            "API.Example.COM   | api.example.com              | -            | true",
            "api.example.com.  | api.example.com              | -            | true",
            "api.example.com   | other.example.com            | -            | false",
            "api.example.com   | *.example.com                | -            | true",
            "a.b.example.com   | *.example.com                | -            | false",
            "example.com       | *.example.com                | -            | false",
            "api.com           | *.com                        | -            | false",
            "api.example.com   | other.test;*.example.com     | -            | true",
            "api.example.com   | -                            | api.example.com | true",
            "api.example.com   | other.test                   | api.example.com | false",
            "127.0.0.1         | 127.0.0.1                    | -            | true",
            "127.0.0.1         | 127.0.0.2                    | -            | false",
            "127.0.0.1         | localhost                    | 127.0.0.1    | false",
            "::1               | 0:0:0:0:0:0:0:1              | -            | true",
            "[::1]             | 0:0:0:0:0:0:0:1              | -            | true",
    })
    void matchesByRfc6125(String host, String sans, String cn, boolean expected) {
        List<String> names = sans == null ? List.of() : Arrays.asList(sans.split(";"));
        assertEquals(expected, HostnameMatcher.matches(host, names, cn));
    }
}
