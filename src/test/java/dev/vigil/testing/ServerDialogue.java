package dev.vigil.testing;

import dev.vigil.probe.starttls.StartTls;
import dev.vigil.testing.StartTlsResponder.Mode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server side of one STARTTLS connection for {@link StartTlsResponder}. Reads one byte at a time so that the
 * client's TLS ClientHello is left for the TLS layer.
 */
final class ServerDialogue {
    private static final int MAX_LINE = 4096;
    /** Where the endless modes stop even if the client never does. */
    private static final long MAX_ENDLESS_BYTES = 16L * 1024 * 1024;
    private static final byte[] GARBAGE = "\u0000\u0001\u001b[2JHTTP/1.1 400 Bad Request\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final String LIE = "this is not TLS\r\n";

    private final Socket socket;
    private final StartTls protocol;
    private final Mode mode;
    private final SSLContext sslContext;
    private final Consumer<String> received;
    private final Runnable handshaken;
    private final InputStream in;
    private final OutputStream out;

    ServerDialogue(Socket socket, StartTls protocol, Mode mode, SSLContext sslContext, Consumer<String> received,
                   Runnable handshaken) throws IOException {
        this.socket = socket;
        this.protocol = protocol;
        this.mode = mode;
        this.sslContext = sslContext;
        this.received = received;
        this.handshaken = handshaken;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void run() throws IOException {
        switch (mode) {
            case SILENT -> drain(in);
            case GARBAGE -> {
                out.write(GARBAGE);
                drain(in);
            }
            case ENDLESS_LINE -> endless(switch (protocol) {
                // A message header that announces 2 GiB, then filler.
                case LDAP -> new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
                case POSTGRES -> new byte[] {'E', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
                default -> new byte[0];
            }, "x");
            case TURNS_AWAY -> {
                out.write(switch (protocol) {
                    case SMTP -> ascii("554 5.3.2 mx.test is not accepting connections\r\n");
                    case IMAP -> ascii("* BYE Too many connections\r\n");
                    case POP3 -> ascii("-ERR [SYS/TEMP] too busy\r\n");
                    case FTP -> ascii("421 Too many users, try later\r\n");
                    case LDAP -> ldapResponse(0, 52, "the server is shutting down");
                    case POSTGRES -> ascii("N");
                });
                drain(in);
            }
            default -> speak();
        }
    }

    private void speak() throws IOException {
        switch (protocol) {
            case SMTP -> smtp();
            case IMAP -> imap();
            case POP3 -> pop3();
            case FTP -> ftp();
            case LDAP -> ldap();
            case POSTGRES -> postgres();
        }
    }

    private void smtp() throws IOException {
        if (mode == Mode.ENDLESS_REPLY) {
            endless(ascii("220-mx.test\r\n"), "220-more\r\n");
            return;
        }
        send("220-mx.test ESMTP Vigil test responder\r\n220 mx.test ready\r\n");
        readLine();
        String capabilities = mode == Mode.NOT_OFFERED ? "" : "250-STARTTLS\r\n";
        send("250-mx.test greets vigil.invalid\r\n250-SIZE 10240000\r\n" + capabilities + "250 8BITMIME\r\n");
        if (mode == Mode.NOT_OFFERED) {
            drain(in);
            return;
        }
        readLine();
        answer("220 2.0.0 Ready to start TLS\r\n", "454 4.7.0 TLS not available due to local problem\r\n");
    }

    private void imap() throws IOException {
        send("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] Vigil test responder ready\r\n");
        String tag = tag(readLine());
        if (mode == Mode.ENDLESS_REPLY) {
            endless(new byte[0], "* OK still thinking\r\n");
            return;
        }
        String starttls = mode == Mode.NOT_OFFERED ? "" : " STARTTLS";
        send("* CAPABILITY IMAP4rev1" + starttls + " LOGINDISABLED\r\n" + tag + " OK CAPABILITY completed\r\n");
        if (mode == Mode.NOT_OFFERED) {
            drain(in);
            return;
        }
        tag = tag(readLine());
        answer(tag + " OK Begin TLS negotiation now\r\n", tag + " NO [UNAVAILABLE] TLS is not available\r\n");
    }

    private void pop3() throws IOException {
        send("+OK Vigil test responder ready\r\n");
        readLine();
        if (mode == Mode.ENDLESS_REPLY) {
            endless(ascii("+OK Capability list follows\r\n"), "X-MORE\r\n");
            return;
        }
        String stls = mode == Mode.NOT_OFFERED ? "" : "STLS\r\n";
        send("+OK Capability list follows\r\nUSER\r\nTOP\r\n" + stls + "SASL PLAIN\r\n.\r\n");
        if (mode == Mode.NOT_OFFERED) {
            drain(in);
            return;
        }
        readLine();
        answer("+OK Begin TLS negotiation\r\n", "-ERR TLS not available\r\n");
    }

    private void ftp() throws IOException {
        if (mode == Mode.ENDLESS_REPLY) {
            endless(ascii("220-Welcome\r\n"), " more\r\n");
            return;
        }
        send("220-Vigil test responder\r\n  a line of the banner with no code\r\n220 ready\r\n");
        readLine();
        if (mode == Mode.NOT_OFFERED) {
            send("502 Command not implemented\r\n");
            drain(in);
            return;
        }
        answer("234 AUTH TLS successful\r\n", "431 Unable to accept security mechanism\r\n");
    }

    private void ldap() throws IOException {
        int tag = readByte();
        int length = readByte();
        byte[] request = readBytes(length);
        received.accept(HexFormat.of().formatHex(new byte[] {(byte) tag, (byte) length})
                + HexFormat.of().formatHex(request));
        if (mode == Mode.NOT_OFFERED) {
            out.write(ldapResponse(1, 2, "unsupported extended operation"));
            drain(in);
            return;
        }
        answer(ldapResponse(1, 0, ""), ldapResponse(1, 52, "TLS not configured"));
    }

    private void postgres() throws IOException {
        received.accept(HexFormat.of().formatHex(readBytes(8)));
        if (mode == Mode.NOT_OFFERED) {
            out.write(postgresError("FATAL", "unsupported frontend protocol 1234.5679: server supports 2.0 to 3.0"));
            drain(in);
            return;
        }
        answer(ascii("S"), ascii("N"));
    }

    /** Agrees, refuses or lies, as the mode says; agreeing leads to a TLS handshake. */
    private void answer(String go, String no) throws IOException {
        answer(ascii(go), ascii(no));
    }

    private void answer(byte[] go, byte[] no) throws IOException {
        switch (mode) {
            case SPEAKS -> {
                out.write(go);
                SSLSocket tls = (SSLSocket) sslContext.getSocketFactory().createSocket(socket, null, true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                handshaken.run();
                drain(tls.getInputStream());
            }
            case LIES -> {
                // The plain text goes in the same write as the go-ahead: a client that reads ahead would swallow it.
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.write(go);
                both.write(ascii(LIE));
                out.write(both.toByteArray());
                drain(in);
            }
            default -> {
                out.write(no);
                drain(in);
            }
        }
    }

    /** LDAPMessage { id, ExtendedResponse { resultCode, "", diagnostic, [10] StartTLS OID } }, short-form lengths. */
    private static byte[] ldapResponse(int messageId, int resultCode, String diagnostic) {
        byte[] diag = ascii(diagnostic);
        byte[] oid = ascii("1.3.6.1.4.1.1466.20037");
        ByteArrayOutputStream op = new ByteArrayOutputStream();
        op.writeBytes(new byte[] {0x0a, 1, (byte) resultCode, 0x04, 0, 0x04, (byte) diag.length});
        op.writeBytes(diag);
        op.writeBytes(new byte[] {(byte) 0x8a, (byte) oid.length});
        op.writeBytes(oid);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(new byte[] {0x02, 1, (byte) messageId, 0x78, (byte) op.size()});
        message.writeBytes(op.toByteArray());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new byte[] {0x30, (byte) message.size()});
        all.writeBytes(message.toByteArray());
        return all.toByteArray();
    }

    /** An ErrorResponse with severity and message fields. */
    private static byte[] postgresError(String severity, String message) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.writeBytes(ascii("S" + severity + "\0C08P01\0M" + message + "\0\0"));
        int length = fields.size() + 4;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new byte[] {'E', (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length});
        all.writeBytes(fields.toByteArray());
        return all.toByteArray();
    }

    private static String tag(String line) {
        return line.split(" ", 2)[0];
    }

    private void send(String text) throws IOException {
        out.write(ascii(text));
    }

    /** Writes {@code head} then {@code filler} again and again until the client stops listening. */
    private void endless(byte[] head, String filler) throws IOException {
        out.write(head);
        byte[] chunk = ascii(filler.repeat(Math.max(1, 8192 / filler.length())));
        for (long sent = 0; sent < MAX_ENDLESS_BYTES; sent += chunk.length) {
            out.write(chunk);
        }
    }

    /** One client line without CR LF, recorded in {@code received}. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = readByte(); b != '\n'; b = readByte()) {
            if (line.length() == MAX_LINE) {
                throw new IOException("client line longer than " + MAX_LINE);
            }
            line.append((char) b);
        }
        String text = line.toString().replaceFirst("\r$", "");
        received.accept(text);
        return text;
    }

    private byte[] readBytes(int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) readByte();
        }
        return bytes;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** Reads until the client closes, so the connection stays open as long as the client wants it. */
    private static void drain(InputStream stream) throws IOException {
        byte[] buffer = new byte[4096];
        long total = 0;
        for (int n = stream.read(buffer); n >= 0 && total < MAX_ENDLESS_BYTES; n = stream.read(buffer)) {
            total += n;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
