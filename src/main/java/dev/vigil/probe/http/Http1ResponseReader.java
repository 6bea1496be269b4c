package dev.vigil.probe.http;

import dev.vigil.net.BodyBudget;
import dev.vigil.net.BodyBuffer;
import dev.vigil.net.BoundedBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x response from a stream for the pinned-address path: status line, headers, then a body framed by
 * chunked encoding, Content-Length or the end of the connection. Bounded everywhere: a header section past 64 KiB or
 * a line past 8 KiB is malformed, and the body stops at the probe's limit.
 */
final class Http1ResponseReader {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Nothing came back. {@code FailureHints} reads this and the next failure's words. */
    static final String NO_RESPONSE = "the server closed the connection without sending a response";
    /** A TLS server's answer (an alert) to a plain-HTTP request. */
    static final String TLS_ANSWER = "the server answered with a TLS record, not HTTP";

    /** The response parts before the body. */
    record Head(int status, String version, Map<String, List<String>> headers) {
    }

    /** What the server sent is not HTTP/1.x. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private int headerBytes;

    Http1ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Reads the status line and headers, skipping interim 1xx responses. */
    Head readHead() throws IOException {
        while (true) {
            String statusLine = readLine(true);
            if (tlsRecord(statusLine)) {
                throw new MalformedResponseException(TLS_ANSWER);
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].matches("HTTP/1\\.[01]") || !parts[1].matches("[1-5]\\d\\d")) {
                throw new MalformedResponseException("not an HTTP/1.x status line: '" + printable(statusLine) + "'");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = readHeaders();
            if (status >= 200 || status == 101) {
                return new Head(status, parts[0].substring(5), headers);
            }
        }
    }

    /**
     * Reads the body after {@code head}, keeping at most {@code limit} bytes, each of them drawn from {@code claim}
     * before it is kept.
     */
    BoundedBody readBody(Head head, boolean headRequest, long limit, BodyBudget.Claim claim) throws IOException {
        if (headRequest || head.status() == 204 || head.status() == 304) {
            return BoundedBody.EMPTY;
        }
        BodyBuffer body = new BodyBuffer(limit);
        String encoding = first(head, "transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(body, claim);
        }
        String length = first(head, "content-length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("bad Content-Length '" + printable(length) + "'");
            }
            if (declared < 0) {
                throw new MalformedResponseException("bad Content-Length '" + printable(length) + "'");
            }
            return body.finish(copy(declared, body, claim, true));
        }
        return body.finish(copy(Long.MAX_VALUE, body, claim, false));
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedResponseException("bad header line '" + printable(line) + "'");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private BoundedBody readChunked(BodyBuffer body, BodyBudget.Claim claim) throws IOException {
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = hex.matches("[0-9A-Fa-f]{1,15}") ? Long.parseLong(hex, 16) : -1;
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new MalformedResponseException("bad chunk size '" + printable(sizeLine) + "'");
            }
            if (size == 0) {
                readHeaders();
                return body.finish(false);
            }
            if (copy(size, body, claim, true)) {
                return body.finish(true);
            }
            if (!readLine(false).isEmpty()) {
                throw new MalformedResponseException("a chunk is longer than its declared size");
            }
        }
    }

    /**
     * Copies up to {@code length} bytes into {@code body}; {@code exact} means EOF before {@code length} is an error.
     *
     * @return true when the body's limit cut the copy short
     */
    private boolean copy(long length, BodyBuffer body, BodyBudget.Claim claim, boolean exact) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (exact) {
                    throw new MalformedResponseException("connection closed " + left + " bytes before the end of the body");
                }
                return false;
            }
            left -= n;
            int keep = (int) Math.min(n, body.room());
            claim.grow(keep);
            body.add(buffer, 0, keep);
            if (keep < n) {
                return true;
            }
        }
        return false;
    }

    private String readLine(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                boolean nothingBefore = first && headerBytes == line.size();
                throw new MalformedResponseException(nothingBefore && line.size() == 0 ? NO_RESPONSE
                        : nothingBefore && tlsRecord(line.toString(StandardCharsets.ISO_8859_1)) ? TLS_ANSWER
                        : "the connection closed in the middle of the response head");
            }
            if (++headerBytes > MAX_HEADER_BYTES || line.size() > MAX_LINE) {
                throw new MalformedResponseException("response head longer than " + MAX_HEADER_BYTES / 1024 + " KiB");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /**
     * Whether a response starts with a TLS record header (content type 20 to 23, version 3.x): a TLS server's alert
     * to a plain-HTTP request.
     */
    private static boolean tlsRecord(String start) {
        return start.length() >= 2 && start.charAt(0) >= 0x14 && start.charAt(0) <= 0x17 && start.charAt(1) == 0x03;
    }

    private static String first(Head head, String name) {
        List<String> values = head.headers().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
