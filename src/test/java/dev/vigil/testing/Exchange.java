package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The connection a {@link Responder} answers on: its output, plus ways to misbehave at the TCP level. */
public final class Exchange {
    private final Socket tcp;
    private final InputStream in;
    private final OutputStream out;

    Exchange(Socket tcp, InputStream in, OutputStream out) {
        this.tcp = tcp;
        this.in = in;
        this.out = out;
    }

    /** The response stream (TLS-encrypted on a TLS server); buffered, so flush what must reach the client. */
    public OutputStream out() {
        return out;
    }

    /** Writes ISO-8859-1 text and flushes it. */
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Aborts the TCP connection with a RST: SO_LINGER 0 then close on the plain socket under any TLS layer, so
     * no TLS close_notify is sent first.
     */
    public void reset() throws IOException {
        tcp.setSoLinger(true, 0);
        tcp.close();
    }

    /** Reads and discards input until the client closes the connection or the server is closed. */
    public void holdUntilClosed() throws IOException {
        while (in.read() != -1) {
            // Discard whatever the client sends; only the end of the stream matters.
        }
    }
}
