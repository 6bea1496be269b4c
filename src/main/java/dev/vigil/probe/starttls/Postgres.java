package dev.vigil.probe.starttls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL (protocol 3, "SSL Session Encryption"): the SSLRequest (length 8, code 80877103) answered by one byte,
 * {@code S} to start TLS or {@code N} for no. A server may answer with an ErrorResponse instead, which is read,
 * bounded, for its message.
 */
final class Postgres implements Dialect {
    static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};
    /** The largest ErrorResponse read, length field included. */
    static final int MAX_ERROR = 4 * 1024;

    @Override
    public void negotiate(Wire wire) throws IOException {
        wire.send(SSL_REQUEST);
        // Exactly one byte: anything the server sends after its 'S' belongs to TLS (CVE-2021-23222).
        int answer = wire.readByte();
        switch (answer) {
            case 'S' -> {
                return;
            }
            case 'N' -> throw Dialect.refused(wire, "it answered 'N' (ssl is off on the server)");
            case 'E' -> throw Dialect.refused(wire, "it answered with an error: " + errorMessage(wire));
            default -> throw wire.protocolError("answered the SSL request with "
                    + Quoted.of(String.valueOf((char) answer)) + " instead of 'S' or 'N'");
        }
    }

    /** The severity and message fields of the ErrorResponse after its type byte, quoted. */
    private static String errorMessage(Wire wire) throws IOException {
        byte[] lengthBytes = wire.readFully(4);
        long length = ((lengthBytes[0] & 0xffL) << 24) | ((lengthBytes[1] & 0xff) << 16)
                | ((lengthBytes[2] & 0xff) << 8) | (lengthBytes[3] & 0xff);
        if (length < 4 || length > MAX_ERROR) {
            throw wire.protocolError("sent an error message of " + length + " bytes (at most " + MAX_ERROR
                    + " expected)");
        }
        byte[] fields = wire.readFully((int) length - 4);
        String severity = "";
        String message = "";
        int i = 0;
        while (i < fields.length && fields[i] != 0) {
            byte type = fields[i++];
            int end = i;
            while (end < fields.length && fields[end] != 0) {
                end++;
            }
            String value = new String(fields, i, end - i, StandardCharsets.UTF_8);
            if (type == 'S') {
                severity = value;
            } else if (type == 'M') {
                message = value;
            }
            i = end + 1;
        }
        return Quoted.of(severity.isEmpty() ? message : severity + ": " + message);
    }
}
