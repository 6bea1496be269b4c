package dev.vigil.probe.http;

import dev.vigil.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Shrinks the socket's read timeout to the time left before every read, so a body dribbled one byte at a time cannot
 * stretch a run past its deadline the way a fixed per-read timeout would allow.
 */
final class DeadlineInputStream extends InputStream {
    private final InputStream in;
    private final Socket socket;
    private final Deadline deadline;

    DeadlineInputStream(Socket socket, Deadline deadline) throws IOException {
        this.in = socket.getInputStream();
        this.socket = socket;
        this.deadline = deadline;
    }

    private void arm() throws IOException {
        if (deadline.expired()) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout(deadline.remainingMillis());
    }

    @Override
    public int read() throws IOException {
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
    }
}
