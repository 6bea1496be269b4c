package dev.vigil.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An X.500 name as certificates carry it: attributes from the most significant ({@code C}) to the least ({@code CN}),
 * one per RDN.
 *
 * @param country      {@code C}, or null
 * @param organization {@code O}, or null
 * @param unit         {@code OU}, or null
 * @param commonName   {@code CN}, never null
 */
record DistinguishedName(String country, String organization, String unit, String commonName) {
    private static final String COUNTRY = "2.5.4.6";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String UNIT = "2.5.4.11";
    private static final String COMMON_NAME = "2.5.4.3";

    DistinguishedName {
        Objects.requireNonNull(commonName, "commonName");
    }

    /** A name with only a common name, as a server certificate or a default certificate has. */
    static DistinguishedName of(String commonName) {
        return new DistinguishedName(null, null, null, commonName);
    }

    /** The Name's DER: a SEQUENCE of one-attribute SETs. */
    byte[] encoded() {
        List<byte[]> rdns = new ArrayList<>();
        if (country != null) {
            rdns.add(rdn(COUNTRY, Der.printable(country)));
        }
        if (organization != null) {
            rdns.add(rdn(ORGANIZATION, Der.utf8(organization)));
        }
        if (unit != null) {
            rdns.add(rdn(UNIT, Der.utf8(unit)));
        }
        rdns.add(rdn(COMMON_NAME, Der.utf8(commonName)));
        return Der.sequence(rdns.toArray(byte[][]::new));
    }

    private static byte[] rdn(String type, byte[] value) {
        return Der.set(Der.sequence(Der.oid(type), value));
    }
}
