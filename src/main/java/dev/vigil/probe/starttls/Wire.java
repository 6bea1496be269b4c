package dev.vigil.probe.starttls;

import dev.vigil.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One plain-text dialogue on a socket, bounded in bytes and time: a line is at most {@link #MAX_LINE} bytes, the
 * whole dialogue at most {@link #MAX_DIALOGUE} bytes, and every read ends at the deadline.
 *
 * <p>It reads one byte at a time, never ahead: the bytes after the server's go-ahead belong to the TLS layer the
 * caller puts over the same socket. Plain text a server (or someone in the middle) slips in after its go-ahead is
 * therefore never taken as part of the dialogue; it reaches the TLS handshake, which fails on it.
 */
final class Wire {
    static final int MAX_LINE = 4 * 1024;
    static final int MAX_DIALOGUE = 64 * 1024;

    private final Socket socket;
    private final Deadline deadline;
    private final String protocol;
    private final InputStream in;
    private final OutputStream out;
    private int received;

    /** @param protocol the protocol's display name for messages, e.g. {@code SMTP} */
    Wire(Socket socket, Deadline deadline, String protocol) throws IOException {
        this.socket = socket;
        this.deadline = deadline;
        this.protocol = protocol;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    String protocol() {
        return protocol;
    }

    /** Sends {@code line} followed by CRLF. */
    void sendLine(String line) throws IOException {
        send((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * The next line without its CR LF, bytes read as ISO-8859-1 so that any byte maps to one character.
     *
     * @throws StartTlsException PROTOCOL when the line is too long, the dialogue too long or the connection closes
     */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = read(line);
            if (b == '\n') {
                boolean crlf = line.length() > 0 && line.charAt(line.length() - 1) == '\r';
                return line.substring(0, crlf ? line.length() - 1 : line.length());
            }
            if (line.length() >= MAX_LINE) {
                throw protocolError("sent a line longer than " + MAX_LINE / 1024 + " KiB: "
                        + Quoted.of(line.toString()));
            }
            line.append((char) b);
        }
    }

    /** The next byte, 0 to 255. */
    int readByte() throws IOException {
        return read(null);
    }

    /** Exactly {@code length} bytes, which the caller has bounded. */
    byte[] readFully(int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) read(null);
        }
        return bytes;
    }

    /** A PROTOCOL failure worded as "the SMTP server " + {@code what}. */
    StartTlsException protocolError(String what) {
        return new StartTlsException(StartTlsException.Reason.PROTOCOL, "the " + protocol + " server " + what);
    }

    /** @param partial the line read so far, quoted when the connection closes in its middle; may be null */
    private int read(CharSequence partial) throws IOException {
        if (received >= MAX_DIALOGUE) {
            throw protocolError("sent more than " + MAX_DIALOGUE / 1024 + " KiB without agreeing to start TLS");
        }
        if (deadline.expired()) {
            throw timedOut();
        }
        socket.setSoTimeout(deadline.remainingMillis());
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw timedOut();
        }
        if (b < 0) {
            throw protocolError(received == 0 ? "closed the connection without a word"
                    : "closed the connection in the middle of the STARTTLS dialogue"
                            + (partial == null || partial.isEmpty() ? "" : " after " + Quoted.of(partial.toString())));
        }
        received++;
        return b;
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("the " + protocol + " server did not finish the STARTTLS dialogue within the"
                + " timeout");
    }
}
