package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.Header;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // header sent, text quoted from the target, what may be shown
                Arguments.of(new Header("X-Api-Key", "k3y-from-file", true), "echo: k3y-from-file!", "echo: ***!"),
                Arguments.of(new Header("X-Trace", "plain-value", false), "echo: plain-value", "echo: plain-value"),
                Arguments.of(new Header("Authorization", "Bearer tok-123", false), "Authorization: Bearer tok-123", "Authorization: ***"),
                Arguments.of(new Header("Authorization", "Bearer tok-123", false), "{\"token\":\"tok-123\"}", "{\"token\":\"***\"}"),
                Arguments.of(new Header("authorization", "Basic dXNlcjpodW50ZXIy", false), "user:hunter2 / hunter2", "*** / ***"),
                Arguments.of(new Header("Proxy-Authorization", "Digest abcdef", false), "got abcdef", "got ***"),
                Arguments.of(new Header("Cookie", "session=s3ss10n; lang=en", false), "session is s3ss10n, lang en",
                        "session is ***, lang en"),
                Arguments.of(new Header("X-Auth-Token", "t0k3n", false), "t0k3n", "***"),
                Arguments.of(new Header("X-Api-Key", "a b/c+d", true), "/cb?k=a+b%2Fc%2Bd", "/cb?k=***"),
                // too short to be a credential worth hiding alone: hidden whole, not as a part
                Arguments.of(new Header("Authorization", "Bearer abc", false), "Bearer abc, abc", "***, abc"),
                Arguments.of(new Header("X-Api-Key", "k", true), "k", "***"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void hidesEveryCredentialAndItsParts(Header header, String quoted, String shown) {
        assertEquals(shown, Redactor.of(List.of(header)).redact(quoted));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void withoutHeadersNothingChanges(Header ignored, String quoted, String shownWithHeader) {
        assertEquals(quoted, Redactor.of(List.of()).redact(quoted));
    }
}
