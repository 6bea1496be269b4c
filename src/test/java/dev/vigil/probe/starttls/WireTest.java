package dev.vigil.probe.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.starttls.StartTlsException.Reason;
import dev.vigil.testing.RawTarget;
import dev.vigil.time.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds of the plain-text dialogue that no single dialect reaches by itself. */
class WireTest {
    @Test
    void aDialogueOfShortLinesEndsAfter64KiB() throws Exception {
        byte[] line = ("250-" + "z".repeat(96) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawTarget target = RawTarget.start(socket -> {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 1000; i++) {
                out.write(line);
            }
        }); Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            Wire wire = wire(socket);

            StartTlsException e = assertThrows(StartTlsException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    wire.readLine();
                }
            });
            assertEquals(Reason.PROTOCOL, e.reason());
            assertEquals("the SMTP server sent more than 64 KiB without agreeing to start TLS", e.getMessage());
        }
    }

    @Test
    void aConnectionClosedInTheMiddleOfALineQuotesWhatCame() throws Exception {
        try (RawTarget target = RawTarget.start(socket -> {
            socket.getOutputStream().write("220 half a li".getBytes(StandardCharsets.US_ASCII));
            socket.close();
        }); Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            StartTlsException e = assertThrows(StartTlsException.class, () -> wire(socket).readLine());

            assertEquals("the SMTP server closed the connection in the middle of the STARTTLS dialogue after "
                    + "'220 half a li'", e.getMessage());
        }
    }

    @Test
    void aConnectionClosedAtOnceSaysSo() throws Exception {
        try (RawTarget target = RawTarget.start(Socket::close);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            StartTlsException e = assertThrows(StartTlsException.class, () -> wire(socket).readLine());

            assertEquals("the SMTP server closed the connection without a word", e.getMessage());
        }
    }

    private static Wire wire(Socket socket) throws IOException {
        return new Wire(socket, Deadline.after(Clock.systemUTC(), Duration.ofSeconds(20)), "SMTP");
    }
}
