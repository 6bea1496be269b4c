package dev.vigil.probe.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.testing.RawTarget;
import dev.vigil.time.Deadline;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NumericReplyTest {
    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("220 ready\r\n", 220, List.of("220 ready")),
                Arguments.of("220\r\n", 220, List.of("220")),
                Arguments.of("250-a\r\n250-b\r\n250 c\r\n", 250, List.of("250-a", "250-b", "250 c")),
                Arguments.of("220-hi\n any text\n220\n", 220, List.of("220-hi", " any text", "220")),
                // Another code's line inside a multi-line reply does not end it.
                Arguments.of("220-hi\r\n221 no\r\n220 end\r\n", 220, List.of("220-hi", "221 no", "220 end")));
    }

    @ParameterizedTest
    @MethodSource
    void reads(String sent, int code, List<String> lines) throws Exception {
        try (RawTarget target = RawTarget.start(socket -> socket.getOutputStream()
                .write(sent.getBytes(StandardCharsets.US_ASCII)));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            NumericReply reply = NumericReply.read(wire(socket));

            assertEquals(code, reply.code());
            assertEquals(lines, reply.lines());
        }
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                Arguments.of("22 short\r\n", "the FTP server answered outside the protocol: '22 short'"),
                Arguments.of("2200 four digits\r\n", "the FTP server answered outside the protocol: '2200 four digits'"),
                Arguments.of("620 no such class\r\n", "the FTP server answered outside the protocol: '620 no such class'"),
                Arguments.of("OK\r\n", "the FTP server answered outside the protocol: 'OK'"));
    }

    @ParameterizedTest
    @MethodSource
    void refuses(String sent, String message) throws Exception {
        try (RawTarget target = RawTarget.start(socket -> socket.getOutputStream()
                .write(sent.getBytes(StandardCharsets.US_ASCII)));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            StartTlsException e = assertThrows(StartTlsException.class, () -> NumericReply.read(wire(socket)));

            assertEquals(message, e.getMessage());
        }
    }

    @Test
    void quotesTheWholeReplyOnOneLine() {
        assertEquals("'250-a\\n250 b'", new NumericReply(250, List.of("250-a", "250 b")).quoted());
    }

    private static Wire wire(Socket socket) throws java.io.IOException {
        return new Wire(socket, Deadline.after(Clock.systemUTC(), Duration.ofSeconds(20)), "FTP");
    }
}
