package dev.vigil.probe;

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
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new ProbeException(FailureKind.CONNECT_TIMEOUT, "TCP connect to " + describe(address)
                    + " got no answer within the timeout (a firewall dropping packets, or a load balancer that is gone)", e);
        } catch (NoRouteToHostException e) {
            close(socket);
            throw new ProbeException(FailureKind.CONNECT_REFUSED, "no route to " + describe(address) + ": " + e.getMessage(), e);
        } catch (ConnectException e) {
            close(socket);
            throw new ProbeException(FailureKind.CONNECT_REFUSED, "connection to " + describe(address)
                    + " refused (nothing listens on that port)", e);
        } catch (IOException e) {
            close(socket);
            throw new ProbeException(FailureKind.CONNECT_REFUSED, "cannot connect to " + describe(address) + ": " + e.getMessage(), e);
        }
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
