package dev.vigil.output.pushgateway;

/** How a push's body is encoded. */
public enum Compression {
    /** {@code Content-Encoding: gzip}: a tenth of the bytes; the Pushgateway reads it from version 1.5 on. */
    GZIP,
    /** The page as it is, for a Pushgateway older than 1.5. */
    NONE
}
