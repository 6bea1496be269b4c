package dev.vigil.demo;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings an X.509 certificate needs (X.690): each method returns one whole element, tag, length and
 * content, so elements nest by passing one's bytes into another.
 */
final class Der {
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int BOOLEAN = 0x01;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int UTF8_STRING = 0x0C;
    private static final int PRINTABLE_STRING = 0x13;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int CONTEXT_CONSTRUCTED = 0xA0;
    private static final int CONTEXT_PRIMITIVE = 0x80;
    /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
    private static final int LAST_UTC_YEAR = 2049;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return element(SEQUENCE, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return element(SET, concat(elements));
    }

    static byte[] bool(boolean value) {
        return element(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** A BIT STRING of whole octets. */
    static byte[] bitString(byte[] octets) {
        return element(BIT_STRING, concat(new byte[] {0}, octets));
    }

    /**
     * A named bit list such as keyUsage, with bit 0 the most significant bit of the first octet; trailing zero bits
     * are left out, as DER requires.
     */
    static byte[] namedBits(int... bits) {
        int highest = 0;
        for (int bit : bits) {
            highest = Math.max(highest, bit);
        }
        byte[] content = new byte[1 + highest / 8 + 1];
        for (int bit : bits) {
            content[1 + bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        content[0] = (byte) (7 - highest % 8);
        return element(BIT_STRING, content);
    }

    static byte[] octetString(byte[] octets) {
        return element(OCTET_STRING, octets);
    }

    /** An OBJECT IDENTIFIER written with dots, e.g. {@code 2.5.29.17}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return element(OID, out.toByteArray());
    }

    static byte[] utf8(String text) {
        return element(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] printable(String text) {
        return element(PRINTABLE_STRING, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A validity time, to the second: UTCTime through 2049, GeneralizedTime after. */
    static byte[] time(Instant at) {
        return at.atZone(ZoneOffset.UTC).getYear() <= LAST_UTC_YEAR
                ? element(UTC_TIME, UTC.format(at).getBytes(StandardCharsets.US_ASCII))
                : element(GENERALIZED_TIME, GENERALIZED.format(at).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code [tag] EXPLICIT}: the element wrapped in a constructed context-specific tag. */
    static byte[] explicit(int tag, byte[] element) {
        return element(CONTEXT_CONSTRUCTED | tag, element);
    }

    /** {@code [tag] IMPLICIT} of a primitive type: its content octets under a context-specific tag. */
    static byte[] implicitPrimitive(int tag, byte[] content) {
        return element(CONTEXT_PRIMITIVE | tag, content);
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] octets = BigInteger.valueOf(length).toByteArray();
            int skip = octets[0] == 0 ? 1 : 0;
            out.write(0x80 | (octets.length - skip));
            out.write(octets, skip, octets.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        while (value >>> (7 * groups) != 0) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? group : group | 0x80);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
