package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** A bare HTTP/1.1 client for testing the test servers: one {@code Connection: close} GET per call. */
final class LoopbackClient {
    private static final int TIMEOUT_MILLIS = 10_000;

    private LoopbackClient() {
    }

    /**
     * What came back.
     *
     * @param text    the whole response, head and body, as ISO-8859-1
     * @param session the TLS session, null over plain TCP
     */
    record Response(String text, SSLSession session) {
        String statusLine() {
            return text.substring(0, text.indexOf("\r\n"));
        }

        String body() {
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }

        X509Certificate peer() throws IOException {
            return (X509Certificate) session.getPeerCertificates()[0];
        }
    }

    /** GET {@code path} over TLS; a reused {@code context} offers its cached session for {@code address:port}. */
    static Response get(SSLContext context, String address, int port, String path) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String text = exchange(socket, address, path);
            return new Response(text, socket.getSession());
        }
    }

    /** GET {@code path} over plain TCP. */
    static Response get(String address, int port, String path) throws IOException {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new Response(exchange(socket, address, path), null);
        }
    }

    private static String exchange(Socket socket, String host, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
