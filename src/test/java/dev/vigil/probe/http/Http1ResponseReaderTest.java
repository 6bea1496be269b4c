package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.net.BodyBudget;
import dev.vigil.net.BoundedBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http1ResponseReaderTest {
    private record Read(Http1ResponseReader.Head head, BoundedBody body) {
    }

    private static Read read(String wire, long limit) throws IOException {
        Http1ResponseReader reader = new Http1ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
        Http1ResponseReader.Head head = reader.readHead();
        return new Read(head, reader.readBody(head, false, limit, BodyBudget.unlimited()));
    }

    @Test
    void contentLengthBody() throws IOException {
        Read r = read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\nX-A: 2\r\n\r\nokTRAILING", 100);
        assertEquals(200, r.head().status());
        assertEquals("1.1", r.head().version());
        assertEquals(List.of("1", "2"), r.head().headers().get("x-a"));
        assertEquals("ok", r.body().text());
        assertFalse(r.body().truncated());
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() throws IOException {
        Read r = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n", 100);
        assertEquals("abcde", r.body().text());
    }

    @Test
    void bodyUntilCloseWithoutLength() throws IOException {
        assertEquals("all of it", read("HTTP/1.0 200 OK\r\n\r\nall of it", 100).body().text());
    }

    @Test
    void interimResponsesAreSkipped() throws IOException {
        Read r = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 100);
        assertEquals(204, r.head().status());
        assertArrayEquals(new byte[0], r.body().bytes());
    }

    @Test
    void bodiesStopAtTheLimit() throws IOException {
        BoundedBody plain = read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 4).body();
        assertEquals("0123", plain.text());
        assertTrue(plain.truncated());
        BoundedBody chunked = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", 4).body();
        assertEquals("abcd", chunked.text());
        assertTrue(chunked.truncated());
    }

    @Test
    void malformedInputIsNamed() {
        assertEquals("not an HTTP/1.x status line: 'SSH-2.0-OpenSSH_9.2'",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("SSH-2.0-OpenSSH_9.2\r\n\r\n", 10)).getMessage());
        assertEquals("the server closed the connection without sending a response",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("", 10)).getMessage());
        // A TLS server's alert to a plain-HTTP request: the record alone, or with a newline somewhere in it.
        assertEquals("the server answered with a TLS record, not HTTP",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("\u0015\u0003\u0003\u0000\u0002\u0002\u0046", 10)).getMessage());
        assertEquals("the server answered with a TLS record, not HTTP",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("\u0015\u0003\u0001\u0000\u0002\u0002\n", 10)).getMessage());
        assertEquals("bad header line 'no colon here'",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", 10)).getMessage());
        assertEquals("connection closed 8 bytes before the end of the body",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab", 100)).getMessage());
        assertEquals("bad chunk size 'zz'",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100)).getMessage());
    }

    @Test
    void invalidChunkedFramingIsNamedNotPassed() {
        // A chunk longer than its size line said used to be read as "abc" and passed as a healthy body.
        assertEquals("a chunk is longer than its declared size", assertThrows(Http1ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdefg\r\n0\r\n\r\n", 100)).getMessage());
        assertEquals("bad chunk size '-5'", assertThrows(Http1ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n", 100)).getMessage());
        assertEquals("bad chunk size 'ffffffffffffffffffff'", assertThrows(Http1ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\nabc\r\n", 100)).getMessage());
        assertEquals("bad Content-Length '-1'", assertThrows(Http1ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc", 100)).getMessage());
    }

    @Test
    void endlessHeadIsBounded() {
        String wire = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(20_000);
        assertEquals("response head longer than 64 KiB",
                assertThrows(Http1ResponseReader.MalformedResponseException.class, () -> read(wire, 10)).getMessage());
    }
}
