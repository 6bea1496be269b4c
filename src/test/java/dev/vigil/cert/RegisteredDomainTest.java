package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registered domain a host's certificates count under, and which names it covers. */
class RegisteredDomainTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "api.example.com,        example.com",
            "a.b.c.Example.COM,      example.com",
            "example.com,            example.com",
            "api.example.com.,       example.com",
            "localhost,              localhost",
            "192.0.2.1,              192.0.2.1",
            "2001:DB8::1,            2001:db8::1",
            "shop.example.co.uk,     co.uk",
    })
    void defaultIsTheLastTwoLabels(String host, String registeredDomain) {
        assertEquals(registeredDomain, RegisteredDomain.defaultFor(host));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "example.com,   example.com,          true",
            "example.com,   api.example.com,      true",
            "example.com,   API.Example.com.,     true",
            "example.com,   *.x.example.com,      true",
            "example.com,   *.example.com,        true",
            "x.example.com, *.x.example.com,      true",
            "example.com,   badexample.com,       false",
            "example.com,   example.com.evil.org, false",
            "example.com,   *.com,                false",
            "example.com,   com,                  false",
            "Example.COM,   www.example.com,      true",
    })
    void coversTheDomainAndEverythingBelowIt(String registeredDomain, String name, boolean covered) {
        assertEquals(covered, RegisteredDomain.covers(registeredDomain, name));
    }
}
