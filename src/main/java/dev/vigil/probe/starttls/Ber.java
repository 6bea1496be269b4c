package dev.vigil.probe.starttls;

import java.nio.charset.StandardCharsets;

/**
 * A strictly bounded reader over bytes already read, for the BER subset LDAP allows (RFC 4511 §5.1): one-byte tags and
 * definite lengths. Every length is checked against the bytes that are left, so no input makes it read outside them.
 */
final class Ber {
    /** Bytes that are not that BER. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private final byte[] bytes;
    private int position;
    private final int end;

    Ber(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private Ber(byte[] bytes, int position, int end) {
        this.bytes = bytes;
        this.position = position;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The next element's tag byte, without consuming it. */
    int peekTag() throws MalformedException {
        if (!hasMore()) {
            throw new MalformedException("an element is missing at the end");
        }
        return bytes[position] & 0xff;
    }

    /** The next element, which must have {@code tag}; returns a reader over its contents and moves past it. */
    Ber element(int tag, String what) throws MalformedException {
        int found = peekTag();
        if (found != tag) {
            throw new MalformedException(
                    String.format("expected %s (tag 0x%02x) but found tag 0x%02x", what, tag, found));
        }
        position++;
        int length = length(what);
        Ber contents = new Ber(bytes, position, position + length);
        position += length;
        return contents;
    }

    /** An INTEGER or ENUMERATED of at most four bytes. */
    int integer(int tag, String what) throws MalformedException {
        Ber contents = element(tag, what);
        int length = contents.end - contents.position;
        if (length < 1 || length > 4) {
            throw new MalformedException(what + " has " + length + " bytes");
        }
        int value = bytes[contents.position]; // sign-extended: BER integers are two's complement
        for (int i = contents.position + 1; i < contents.end; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    /** An OCTET STRING read as UTF-8, as LDAP strings are. */
    String string(int tag, String what) throws MalformedException {
        Ber contents = element(tag, what);
        return new String(bytes, contents.position, contents.end - contents.position, StandardCharsets.UTF_8);
    }

    /** Reads a definite length, short or long form, that fits in the bytes left. */
    private int length(String what) throws MalformedException {
        if (!hasMore()) {
            throw new MalformedException(what + " has no length");
        }
        int first = bytes[position++] & 0xff;
        if (first >= 0x80 && (first & 0x7f) > end - position) {
            throw new MalformedException(what + " has a length of " + (first & 0x7f) + " bytes");
        }
        long length = lengthFromHeader(first, () -> bytes[position++] & 0xff);
        if (length < 0) {
            throw new MalformedException(what + " has an indefinite or over-long length, which LDAP does not allow");
        }
        if (length > end - position) {
            throw new MalformedException(what + " claims " + length + " bytes but " + (end - position) + " are left");
        }
        return (int) length;
    }

    /**
     * The number of content bytes a length announces, from its first byte and, in the long form, the up to four bytes
     * {@code more} supplies; -1 for the indefinite form or a longer one, which LDAP does not allow.
     */
    static <E extends Exception> long lengthFromHeader(int first, ByteSource<E> more) throws E {
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 4) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | more.next();
        }
        return length;
    }

    /** Where the long form's length bytes come from: the bytes in hand, or the wire. */
    interface ByteSource<E extends Exception> {
        int next() throws E;
    }
}
