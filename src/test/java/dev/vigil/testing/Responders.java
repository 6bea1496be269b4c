package dev.vigil.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

/** Ready-made {@link Responder}s, from well-behaved to broken. */
public final class Responders {
    private Responders() {
    }

    /** 200 with a plain-text body. */
    public static Responder ok(String body) {
        return fixed(200, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    /**
     * A complete HTTP/1.1 response with {@code Content-Length}, no body for HEAD; keeps the connection alive
     * unless the client sent {@code Connection: close}.
     */
    public static Responder fixed(int status, Map<String, String> headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (request, exchange) -> {
            boolean close = request.wantsClose();
            writeHead(exchange, status, headers, bytes.length, close);
            if (!request.method().equals("HEAD")) {
                exchange.out().write(bytes);
            }
            exchange.out().flush();
            return !close;
        };
    }

    /** An empty response with a {@code Location} header, e.g. 302 to build redirect chains and loops. */
    public static Responder redirect(int status, String location) {
        return fixed(status, Map.of("Location", location), "");
    }

    /** Reads the request, never answers, and holds the connection until the client or the server closes it. */
    public static Responder neverAnswer() {
        return (request, exchange) -> {
            exchange.holdUntilClosed();
            return false;
        };
    }

    /** Sends the head at once, then the body one byte every {@code perByte}, then closes. */
    public static Responder slowBody(String body, Duration perByte) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (request, exchange) -> {
            writeHead(exchange, 200, Map.of(), bytes.length, true);
            exchange.out().flush();
            for (byte b : bytes) {
                // The server's own pacing, not test synchronisation; close() interrupts it.
                Thread.sleep(perByte);
                exchange.out().write(b);
                exchange.out().flush();
            }
            return false;
        };
    }

    /** A 200 without length whose body never ends; it stops only when a write fails as the connection goes. */
    public static Responder endlessBody() {
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        return (request, exchange) -> {
            writeHead(exchange, 200, Map.of(), -1, true);
            while (true) {
                exchange.out().write(chunk);
                exchange.out().flush();
            }
        };
    }

    /** Sends exactly {@code text} (ISO-8859-1) as the whole response, then closes. */
    public static Responder raw(String text) {
        return (request, exchange) -> {
            exchange.send(text);
            return false;
        };
    }

    /** A response whose status line is not HTTP. */
    public static Responder malformed() {
        return raw("GARBAGE 2OO not-a-status-line\r\n\r\n");
    }

    /** Reads the request, then resets the TCP connection without any response. */
    public static Responder reset() {
        return (request, exchange) -> {
            exchange.reset();
            return false;
        };
    }

    /** Counts {@code arrived} down when a request arrives, then answers with {@code then}. */
    public static Responder signalling(CountDownLatch arrived, Responder then) {
        return (request, exchange) -> {
            arrived.countDown();
            return then.respond(request, exchange);
        };
    }

    /** Waits until the test opens {@code gate}, then answers with {@code then}. */
    public static Responder awaiting(CountDownLatch gate, Responder then) {
        return (request, exchange) -> {
            gate.await();
            return then.respond(request, exchange);
        };
    }

    /**
     * Waits at {@code barrier}, then answers with {@code then}: with as many parties as requests, every request
     * is answered only once all are in flight at the same time.
     */
    public static Responder awaiting(CyclicBarrier barrier, Responder then) {
        return (request, exchange) -> {
            try {
                barrier.await();
            } catch (BrokenBarrierException e) {
                throw new IOException("barrier broken", e);
            }
            return then.respond(request, exchange);
        };
    }

    /** Writes the status line and headers; {@code contentLength} -1 means none (the body runs to close). */
    private static void writeHead(Exchange exchange, int status, Map<String, String> headers, long contentLength,
                                  boolean close) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        exchange.out().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
