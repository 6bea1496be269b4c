package dev.vigil.net;

/** Byte counts as people read them in messages. */
public final class ByteSizes {
    private ByteSizes() {
    }

    /** {@code 8 MiB}, {@code 64 KiB}, or {@code 1000 bytes} when neither unit divides it. */
    public static String text(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
