package dev.vigil.output.prometheus;

import java.net.InetAddress;

/** blackbox_exporter's {@code probe_ip_addr_hash}: FNV-1a (32 bit) over the address's 4 or 16 bytes. */
final class AddressHash {
    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private AddressHash() {
    }

    /** The hash as the unsigned 32-bit number blackbox_exporter writes; an IPv4-mapped IPv6 address counts as IPv4, as in Go. */
    static double of(InetAddress address) {
        int hash = OFFSET_BASIS;
        for (byte b : address.getAddress()) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return Integer.toUnsignedLong(hash);
    }
}
