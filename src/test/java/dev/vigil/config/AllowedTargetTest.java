package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each allow-list entry takes. */
class AllowedTargetTest {
    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
        "https://*.example.com/*, https://www.example.com/health, true",
        "https://*.example.com/*, https://a.b.example.com/, true",
        "https://*.example.com/*, https://example.com/, false",
        "https://*.example.com/*, https://www.example.com.evil.net/, false",
        "https://*.example.com/*, https://www.example.com:8443/, false",
        "https://*.example.com/*, http://www.example.com/, false",
        "https://*.example.com/*, https://WWW.Example.COM/x, true",
        "https://*.example.com/*, https://user@www.example.com/, false",
        "https://api.example.com, https://api.example.com/any/path?q=1, true",
        "https://api.example.com, https://api.example.com:443/, true",
        "https://api.example.com, https://api2.example.com/, false",
        "http://exact.example:8080/healthz, http://exact.example:8080/healthz, true",
        "http://exact.example:8080/healthz, http://exact.example:8080/healthz?x=1, false",
        "http://exact.example:8080/healthz, http://exact.example:8080/healthz/more, false",
        "http://exact.example:8080/healthz, http://exact.example/healthz, false",
        "https://api.example.com/v1/*, https://api.example.com/v1/users, true",
        "https://api.example.com/v1/*, https://api.example.com/v1/../admin, false",
        "https://api.example.com/v1/*, https://api.example.com/v2/, false",
        "tls://mail.example.com:993, tls://mail.example.com:993, true",
        "tls://mail.example.com:993, tls://mail.example.com:995, false",
        "tls://mail.example.com, tls://mail.example.com:443, true",
        "http://127.0.0.1:9000, http://127.0.0.1:9000/, true",
        "http://[::1]:9000, http://[::1]:9000/, true",
    })
    void allows(String pattern, String target, boolean allowed) {
        assertEquals(allowed, AllowedTarget.parse(pattern).allows(URI.create(target)));
    }
}
