package dev.vigil.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds a DNS message, big-endian as on the wire. Names are written uncompressed, label by label. */
public final class DnsWriter {
    private byte[] bytes = new byte[512];
    private int size;

    public DnsWriter u8(int value) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) value;
        return this;
    }

    public DnsWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    public DnsWriter u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value);
    }

    public DnsWriter bytes(byte[] values) {
        for (byte value : values) {
            u8(value);
        }
        return this;
    }

    /** One label: its length octet, then its ASCII octets; throws {@link IllegalArgumentException} past 63. */
    public DnsWriter label(String label) {
        byte[] octets = label.getBytes(StandardCharsets.US_ASCII);
        if (octets.length == 0 || octets.length > DnsNames.MAX_LABEL) {
            throw new IllegalArgumentException("label of " + octets.length + " octets: '" + label + "'");
        }
        return u8(octets.length).bytes(octets);
    }

    /** A whole name ({@code api.example.com}, or "" for the root), ending with the root's zero octet. */
    public DnsWriter name(String name) {
        if (!name.isEmpty()) {
            for (String label : name.split("\\.", -1)) {
                label(label);
            }
        }
        return u8(0);
    }

    /** Overwrites two octets written earlier, e.g. a record's data length once the data is written. */
    public void setU16(int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
