package dev.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.x request as {@link TlsTestServer} read it.
 *
 * @param method  e.g. {@code GET}
 * @param target  the request target, e.g. {@code /health?x=1}
 * @param version e.g. {@code HTTP/1.1}
 * @param headers header values by lower-case name, in arrival order; repeated headers joined with {@code ", "}
 */
public record ReceivedRequest(String method, String target, String version, Map<String, String> headers) {
    private static final int MAX_LINE = 16 * 1024;

    public ReceivedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The value of header {@code name} (any case), or null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** True when the client asked to close the connection after this request. */
    public boolean wantsClose() {
        String connection = header("connection");
        if ("HTTP/1.0".equals(version)) {
            return connection == null || !connection.equalsIgnoreCase("keep-alive");
        }
        return connection != null && connection.equalsIgnoreCase("close");
    }

    /**
     * Reads one request head and skips a {@code Content-Length} body (chunked request bodies are not supported).
     *
     * @return the request, or null when the client closed the connection before sending another
     */
    static ReceivedRequest read(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        if (parts.length != 3) {
            throw new ProtocolException("bad request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("bad header line: " + line);
            }
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (first, second) -> first + ", " + second);
        }
        ReceivedRequest request = new ReceivedRequest(parts[0], parts[1], parts[2], headers);
        String length = request.header("content-length");
        if (length != null) {
            in.skipNBytes(Long.parseLong(length));
        }
        return request;
    }

    /** One CRLF- or LF-terminated ISO-8859-1 line without its terminator; null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                if (line.size() == 0) {
                    return null;
                }
                throw new ProtocolException("connection closed mid-line");
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("line longer than " + MAX_LINE);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
