package dev.vigil.dns;

/** The DNS record types Vigil asks for, with their RFC 1035 / RFC 3596 codes. */
public enum RecordType {
    A(1), NS(2), CNAME(5), SOA(6), AAAA(28);

    /** The TYPE code on the wire. */
    public final int code;

    RecordType(int code) {
        this.code = code;
    }

    /** The type with wire code {@code code}, or null for a type Vigil does not read. */
    public static RecordType ofCode(int code) {
        for (RecordType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
