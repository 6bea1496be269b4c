package dev.vigil.config;

import dev.vigil.probe.HttpSpec;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes written as {@code 512B}, {@code 64KiB}, {@code 1MiB} or {@code 2GiB}. */
public final class Sizes {
    // Nine digits times 1 GiB still fits in a long.
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(B|KiB|MiB|GiB)");
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30);

    private Sizes() {
    }

    /** Parses a positive size; throws {@link IllegalArgumentException} with a message quoting {@code text}. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes as an integer or e.g. 512B, 64KiB, 1MiB");
        }
        long bytes = Long.parseLong(m.group(1)) * UNITS.get(m.group(2));
        if (bytes == 0) {
            throw new IllegalArgumentException("'" + text + "' must be positive");
        }
        return bytes;
    }

    /**
     * {@code bytes} as a probe's body limit ({@code maxBodySize}, {@code --max-body-size}); throws
     * {@link IllegalArgumentException} when it exceeds {@link HttpSpec#MAX_BODY_BYTES}.
     */
    public static long bodyLimit(long bytes) {
        if (bytes > HttpSpec.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("must be at most " + format(HttpSpec.MAX_BODY_BYTES)
                    + " (the most body bytes a probe may read), got " + format(bytes));
        }
        return bytes;
    }

    /** {@code 8MiB}, {@code 64KiB}, or {@code 1000 bytes} when no unit divides it. */
    static String format(long bytes) {
        for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
            long size = UNITS.get(unit);
            if (bytes >= size && bytes % size == 0) {
                return bytes / size + unit;
            }
        }
        return bytes + " bytes";
    }
}
