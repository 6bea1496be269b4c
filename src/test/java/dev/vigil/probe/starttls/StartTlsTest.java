package dev.vigil.probe.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.probe.starttls.StartTlsException.Reason;
import dev.vigil.testing.Issued;
import dev.vigil.testing.StartTlsResponder;
import dev.vigil.testing.StartTlsResponder.Mode;
import dev.vigil.testing.TestPki;
import dev.vigil.time.Deadline;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every dialect against a loopback server that speaks it, well and badly. */
class StartTlsTest {
    private static final TestPki PKI = TestPki.create();
    private static final Issued LEAF = PKI.leaf("mail.test").sans("mail.test").ipSans("127.0.0.1").issue();
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void agreesThenTheTlsHandshakeOverTheSameSocketSeesTheCertificate(StartTls protocol) throws IOException {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.SPEAKS, LEAF);
             Socket socket = connect(server)) {
            protocol.negotiate(socket, "mail.test", Deadline.after(Clock.systemUTC(), GENEROUS));
            SSLSocket tls = (SSLSocket) PKI.clientSslContext().getSocketFactory()
                    .createSocket(socket, "mail.test", server.port(), true);
            tls.startHandshake();

            assertEquals(LEAF.certificate(), tls.getSession().getPeerCertificates()[0]);
            tls.close();
        }
    }

    static Stream<Arguments> whatTheClientSays() {
        return Stream.of(
                Arguments.of(StartTls.SMTP, List.of("EHLO vigil.invalid", "STARTTLS")),
                Arguments.of(StartTls.IMAP, List.of("a1 CAPABILITY", "a2 STARTTLS")),
                Arguments.of(StartTls.POP3, List.of("CAPA", "STLS")),
                Arguments.of(StartTls.FTP, List.of("AUTH TLS")),
                Arguments.of(StartTls.LDAP, List.of("301d02010177188016312e332e362e312e342e312e313436362e3230303337")),
                Arguments.of(StartTls.POSTGRES, List.of("0000000804d2162f")));
    }

    @ParameterizedTest
    @MethodSource
    void whatTheClientSays(StartTls protocol, List<String> expected) throws IOException {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.SPEAKS, LEAF);
             Socket socket = connect(server)) {
            protocol.negotiate(socket, "mail.test", Deadline.after(Clock.systemUTC(), GENEROUS));

            assertEquals(expected, server.received());
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(StartTls.SMTP, Mode.NOT_OFFERED, Reason.NOT_OFFERED, "the SMTP server does not offer STARTTLS: its EHLO reply lists no STARTTLS: '250-mx.test greets vigil.invalid\\n250-SIZE 10240000\\n250 8BITMIME'"),
                Arguments.of(StartTls.SMTP, Mode.REFUSES, Reason.REFUSED, "the SMTP server refused STARTTLS: '454 4.7.0 TLS not available due to local problem'"),
                Arguments.of(StartTls.SMTP, Mode.GARBAGE, Reason.PROTOCOL, "the SMTP server answered outside the protocol: '\\x00\\x01\\x1b[2JHTTP/1.1 400 Bad Request'"),
                Arguments.of(StartTls.SMTP, Mode.ENDLESS_LINE, Reason.PROTOCOL, "the SMTP server sent a line longer than 4 KiB: '" + "x".repeat(120) + "…'"),
                Arguments.of(StartTls.SMTP, Mode.ENDLESS_REPLY, Reason.PROTOCOL, "the SMTP server sent a reply of more than 100 lines, starting '220-mx.test'"),
                Arguments.of(StartTls.IMAP, Mode.NOT_OFFERED, Reason.NOT_OFFERED, "the IMAP server does not offer STARTTLS: its capabilities lack STARTTLS: '* CAPABILITY IMAP4REV1 LOGINDISABLED'"),
                Arguments.of(StartTls.IMAP, Mode.REFUSES, Reason.REFUSED, "the IMAP server refused STARTTLS: 'a2 NO [UNAVAILABLE] TLS is not available'"),
                Arguments.of(StartTls.IMAP, Mode.GARBAGE, Reason.PROTOCOL, "the IMAP server greeted outside the protocol: '\\x00\\x01\\x1b[2JHTTP/1.1 400 Bad Request'"),
                Arguments.of(StartTls.IMAP, Mode.ENDLESS_LINE, Reason.PROTOCOL, "the IMAP server sent a line longer than 4 KiB: '" + "x".repeat(120) + "…'"),
                Arguments.of(StartTls.IMAP, Mode.ENDLESS_REPLY, Reason.PROTOCOL, "the IMAP server sent 100 lines without answering a1"),
                Arguments.of(StartTls.POP3, Mode.NOT_OFFERED, Reason.NOT_OFFERED, "the POP3 server does not offer STARTTLS: its CAPA list has no STLS"),
                Arguments.of(StartTls.POP3, Mode.REFUSES, Reason.REFUSED, "the POP3 server refused STARTTLS: '-ERR TLS not available'"),
                Arguments.of(StartTls.POP3, Mode.GARBAGE, Reason.PROTOCOL, "the POP3 server greeted outside the protocol: '\\x00\\x01\\x1b[2JHTTP/1.1 400 Bad Request'"),
                Arguments.of(StartTls.POP3, Mode.ENDLESS_LINE, Reason.PROTOCOL, "the POP3 server sent a line longer than 4 KiB: '" + "x".repeat(120) + "…'"),
                Arguments.of(StartTls.POP3, Mode.ENDLESS_REPLY, Reason.PROTOCOL, "the POP3 server sent more than 100 CAPA lines without the closing dot"),
                Arguments.of(StartTls.FTP, Mode.NOT_OFFERED, Reason.NOT_OFFERED, "the FTP server does not offer STARTTLS: it answered AUTH TLS with '502 Command not implemented'"),
                Arguments.of(StartTls.FTP, Mode.REFUSES, Reason.REFUSED, "the FTP server refused STARTTLS: '431 Unable to accept security mechanism'"),
                Arguments.of(StartTls.FTP, Mode.GARBAGE, Reason.PROTOCOL, "the FTP server answered outside the protocol: '\\x00\\x01\\x1b[2JHTTP/1.1 400 Bad Request'"),
                Arguments.of(StartTls.FTP, Mode.ENDLESS_LINE, Reason.PROTOCOL, "the FTP server sent a line longer than 4 KiB: '" + "x".repeat(120) + "…'"),
                Arguments.of(StartTls.FTP, Mode.ENDLESS_REPLY, Reason.PROTOCOL, "the FTP server sent a reply of more than 100 lines, starting '220-Welcome'"),
                Arguments.of(StartTls.LDAP, Mode.NOT_OFFERED, Reason.NOT_OFFERED, "the LDAP server does not offer STARTTLS: it answered protocolError (2), 'unsupported extended operation'"),
                Arguments.of(StartTls.LDAP, Mode.REFUSES, Reason.REFUSED, "the LDAP server refused STARTTLS: unavailable (52), 'TLS not configured'"),
                Arguments.of(StartTls.LDAP, Mode.GARBAGE, Reason.PROTOCOL, "the LDAP server answered with tag 0x00, not an LDAP message"),
                Arguments.of(StartTls.LDAP, Mode.ENDLESS_LINE, Reason.PROTOCOL, "the LDAP server answered with an LDAP message of 2147483647 bytes (at most 16384 expected)"),
                Arguments.of(StartTls.POSTGRES, Mode.NOT_OFFERED, Reason.REFUSED, "the PostgreSQL server refused STARTTLS: it answered with an error: 'FATAL: unsupported frontend protocol 1234.5679: server supports 2.0 to 3.0'"),
                Arguments.of(StartTls.POSTGRES, Mode.REFUSES, Reason.REFUSED, "the PostgreSQL server refused STARTTLS: it answered 'N' (ssl is off on the server)"),
                Arguments.of(StartTls.POSTGRES, Mode.GARBAGE, Reason.PROTOCOL, "the PostgreSQL server answered the SSL request with '\\x00' instead of 'S' or 'N'"),
                Arguments.of(StartTls.SMTP, Mode.TURNS_AWAY, Reason.REFUSED, "the SMTP server refused the session: '554 5.3.2 mx.test is not accepting connections'"),
                Arguments.of(StartTls.IMAP, Mode.TURNS_AWAY, Reason.REFUSED, "the IMAP server refused the session: '* BYE Too many connections'"),
                Arguments.of(StartTls.POP3, Mode.TURNS_AWAY, Reason.REFUSED, "the POP3 server refused the session: '-ERR [SYS/TEMP] too busy'"),
                Arguments.of(StartTls.FTP, Mode.TURNS_AWAY, Reason.REFUSED, "the FTP server refused the session: '421 Too many users, try later'"),
                Arguments.of(StartTls.LDAP, Mode.TURNS_AWAY, Reason.REFUSED, "the LDAP server refused the session: unavailable (52), 'the server is shutting down'"),
                Arguments.of(StartTls.POSTGRES, Mode.ENDLESS_LINE, Reason.PROTOCOL, "the PostgreSQL server sent an error message of 2147483647 bytes (at most 4096 expected)"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void failures(StartTls protocol, Mode mode, Reason reason, String message) throws IOException {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, mode, LEAF);
             Socket socket = connect(server)) {
            StartTlsException e = assertThrows(StartTlsException.class,
                    () -> protocol.negotiate(socket, "mail.test", Deadline.after(Clock.systemUTC(), GENEROUS)));

            assertEquals(reason, e.reason());
            assertEquals(message, e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void aServerThatAgreesAndGoesOnInPlainTextFailsTheHandshakeAfterwards(StartTls protocol) throws IOException {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.LIES, LEAF);
             Socket socket = connect(server)) {
            protocol.negotiate(socket, "mail.test", Deadline.after(Clock.systemUTC(), GENEROUS));
            SSLSocket tls = (SSLSocket) PKI.clientSslContext().getSocketFactory()
                    .createSocket(socket, "mail.test", server.port(), true);

            assertThrows(SSLException.class, tls::startHandshake);
            assertEquals(0, server.handshakes());
            tls.close();
        }
    }

    /** Whatever follows the go-ahead is left on the socket for TLS: negotiate never reads ahead and swallows it. */
    @ParameterizedTest
    @EnumSource(StartTls.class)
    void leavesWhatFollowsTheGoAheadUnread(StartTls protocol) throws IOException {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.LIES, LEAF);
             Socket socket = connect(server)) {
            protocol.negotiate(socket, "mail.test", Deadline.after(Clock.systemUTC(), GENEROUS));

            assertEquals("this is not TLS\r\n",
                    new String(socket.getInputStream().readNBytes(17), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void aSilentServerTimesOutAtTheDeadline(StartTls protocol) throws IOException {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.SILENT, LEAF);
             Socket socket = connect(server)) {
            Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofMillis(200));

            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> protocol.negotiate(socket, "mail.test", deadline));
            assertEquals("the " + displayName(protocol)
                    + " server did not finish the STARTTLS dialogue within the timeout", e.getMessage());
        }
    }

    @Test
    void aDeadlineAlreadyPastEndsBeforeAnyRead() throws IOException {
        Clock frozen = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        try (StartTlsResponder server = StartTlsResponder.start(StartTls.SMTP, Mode.SPEAKS, LEAF);
             Socket socket = connect(server)) {
            assertThrows(SocketTimeoutException.class,
                    () -> StartTls.SMTP.negotiate(socket, "mail.test", new Deadline(frozen, frozen.instant())));
        }
    }

    private static String displayName(StartTls protocol) {
        return protocol == StartTls.POSTGRES ? "PostgreSQL" : protocol.name();
    }

    private static Socket connect(StartTlsResponder server) throws IOException {
        return new Socket(server.address().getAddress(), server.port());
    }
}
