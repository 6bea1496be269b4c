package dev.vigil.probe;

import dev.vigil.time.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Opens TCP connections within a deadline and names what went wrong in probe terms. */
public final class Sockets {
    private Sockets() {
    }

    /** Connects to {@code address}; the socket's read timeout is set to the time left. */
    public static Socket connect(InetSocketAddress address, Deadline deadline) throws ProbeException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, deadline.remainingMillis());
            socket.setSoTimeout(deadline.remainingMillis());
            return socket;
        } catch (IOException e) {
            close(socket);
            throw connectFailure(address, e);
        }
    }

    private static ProbeException connectFailure(InetSocketAddress address, IOException e) {
        String where = describe(address);
        return switch (e) {
            case SocketTimeoutException t -> new ProbeException(FailureKind.CONNECT_TIMEOUT, "TCP connect to " + where
                    + " got no answer within the timeout (a firewall dropping packets, or a load balancer that is gone)", t);
            case NoRouteToHostException n -> new ProbeException(FailureKind.CONNECT_REFUSED, "no route to " + where + ": " + n.getMessage(), n);
            case ConnectException c -> new ProbeException(FailureKind.CONNECT_REFUSED, "connection to " + where
                    + " refused (nothing listens on that port)", c);
            default -> new ProbeException(FailureKind.CONNECT_REFUSED, "cannot connect to " + where + ": " + e.getMessage(), e);
        };
    }

    /** {@code host:port} with IPv6 literals bracketed. */
    public static String describe(InetSocketAddress address) {
        String ip = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    public static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket we are abandoning; nothing useful can be done with a failure here.
        }
    }
}
