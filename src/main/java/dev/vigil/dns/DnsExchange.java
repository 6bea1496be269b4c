package dev.vigil.dns;

import dev.vigil.time.Durations;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One question to one server, over UDP and then, if need be, TCP.
 * Every step ends by a {@link System#nanoTime} deadline.
 */
final class DnsExchange {
    private static final int MAX_MESSAGE = 65_535;

    private final InetSocketAddress server;
    private final String name;
    private final RecordType type;
    private final int id;
    private final Duration timeout;
    private final byte[] query;

    DnsExchange(InetSocketAddress server, String name, RecordType type, int id, Duration timeout) {
        this.server = server;
        this.name = name;
        this.type = type;
        this.id = id;
        this.timeout = timeout;
        this.query = DnsMessage.encodeQuery(id, name, type);
    }

    /** The first matching reply, truncated or not; attempt n of {@code attempts} ends at n/attempts of the time. */
    DnsMessage overUdp(long start, long deadline, int attempts) throws DnsException {
        try (DatagramSocket socket = new DatagramSocket()) {
            // Connected: the kernel drops datagrams from other addresses and reports ICMP port unreachable.
            socket.connect(server);
            byte[] buffer = new byte[MAX_MESSAGE];
            for (int attempt = 1; attempt <= attempts; attempt++) {
                socket.send(new DatagramPacket(query, query.length));
                DnsMessage reply = awaitReply(socket, buffer, start + (deadline - start) * attempt / attempts);
                if (reply != null) {
                    return reply;
                }
            }
            throw failure("no answer from " + DnsText.server(server) + " within " + Durations.format(timeout));
        } catch (PortUnreachableException e) {
            throw failure("connection refused by " + DnsText.server(server), e);
        } catch (DnsException e) {
            throw e;
        } catch (IOException e) {
            throw failure("cannot ask " + DnsText.server(server) + " (" + e.getMessage() + ")", e);
        }
    }

    /** The answer over TCP, each message behind its two-octet length (RFC 1035 §4.2.2). */
    DnsMessage overTcp(long deadline) throws DnsException {
        String where = DnsText.server(server) + " over TCP";
        try (Socket socket = new Socket()) {
            socket.connect(server, millisUntil(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(new DnsWriter().u16(query.length).bytes(query).toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] prefix = readFully(socket, in, 2, deadline);
            byte[] message = readFully(socket, in, ((prefix[0] & 0xFF) << 8) | (prefix[1] & 0xFF), deadline);
            DnsMessage reply = parse(message, message.length, where);
            if (reply.id() != id || !reply.isAnswerTo(name, type)) {
                throw failure("the answer from " + where + " is to another question");
            }
            if (reply.truncated()) {
                // Over TCP there is no larger transport to retry on: a truncated answer there is a broken server.
                throw failure("the answer from " + where + " is truncated too");
            }
            return reply;
        } catch (SocketTimeoutException e) {
            throw failure("no answer from " + where + " within " + Durations.format(timeout), e);
        } catch (ConnectException e) {
            throw failure("connection refused by " + where, e);
        } catch (EOFException e) {
            throw failure(where + " closed the connection before answering", e);
        } catch (DnsException e) {
            throw e;
        } catch (IOException e) {
            throw failure("cannot ask " + where + " (" + e.getMessage() + ")", e);
        }
    }

    /** A reply to this query, or null when the attempt's time ran out; replies to other queries are skipped. */
    private DnsMessage awaitReply(DatagramSocket socket, byte[] buffer, long until) throws IOException {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (System.nanoTime() < until) {
            packet.setLength(buffer.length);
            try {
                socket.setSoTimeout(millisUntil(until));
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            boolean ourId = packet.getLength() >= 2 && (((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF)) == id;
            if (ourId) {
                DnsMessage reply = parse(buffer, packet.getLength(), DnsText.server(server));
                if (reply.isAnswerTo(name, type)) {
                    return reply;
                }
            }
        }
        return null;
    }

    private DnsMessage parse(byte[] message, int length, String from) throws DnsException {
        try {
            return DnsMessage.parse(message, length);
        } catch (DnsException e) {
            throw new DnsException("malformed DNS answer from " + from + " for " + DnsText.question(name, type) + ": "
                    + e.getMessage(), e);
        }
    }

    private byte[] readFully(Socket socket, InputStream in, int count, long deadline) throws IOException {
        byte[] bytes = new byte[count];
        int read = 0;
        while (read < count) {
            socket.setSoTimeout(millisUntil(deadline));
            int n = in.read(bytes, read, count - read);
            if (n < 0) {
                throw new EOFException();
            }
            read += n;
        }
        return bytes;
    }

    /** At least 1, since a socket timeout of 0 means forever; throws once the deadline has passed. */
    private static int millisUntil(long deadline) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (left + 999_999) / 1_000_000));
    }

    private DnsException failure(String what) {
        return new DnsException(what + " for " + DnsText.question(name, type));
    }

    private DnsException failure(String what, Throwable cause) {
        return new DnsException(what + " for " + DnsText.question(name, type), cause);
    }
}
