package dev.vigil.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open. A port opened and closed again before the test
 * connects could meanwhile be taken by anything on the machine (issue 13, item 10); this one stays bound to a socket
 * nothing else can share. TCP: bound and never listening, so a connection gets a reset (connection refused). UDP:
 * bound and connected to port 9 of loopback, so the kernel delivers it nothing from anywhere else and answers a
 * datagram with ICMP port unreachable, as for a closed port.
 */
public final class ClosedPort implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Closeable socket;
    private final int port;

    private ClosedPort(Closeable socket, int port) {
        this.socket = socket;
        this.port = port;
    }

    /** A TCP port on 127.0.0.1 that refuses connections. */
    public static ClosedPort tcp() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(LOOPBACK, 0));
        return new ClosedPort(socket, socket.getLocalPort());
    }

    /** A UDP port on 127.0.0.1 where datagrams are refused. */
    public static ClosedPort udp() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.connect(new InetSocketAddress(LOOPBACK, 9));
        return new ClosedPort(socket, socket.getLocalPort());
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(LOOPBACK, port);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
