package dev.vigil.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one home for reading and writing byte sizes. Config and flags write them as {@code 512B}, {@code 64KiB},
 * {@code 1MiB} or {@code 2GiB}; {@link #parse} reads that and {@link #format} writes it back, so a config error
 * quotes a size as it would be written there ({@code must be at most 8MiB}). Other messages say sizes as prose,
 * {@link #text} ({@code larger than the 8 MiB}); both spellings are pinned by the tests of their messages.
 */
public final class ByteSizes {
    // Nine digits times 1 GiB still fits in a long.
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(B|KiB|MiB|GiB)");
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30);

    private ByteSizes() {
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

    /** As config writes it: {@code 8MiB}, {@code 64KiB}, {@code 3GiB}, or {@code 1000 bytes} when none divides it. */
    public static String format(long bytes) {
        return inLargestExactUnit(bytes, "");
    }

    /** As prose: {@code 8 MiB}, {@code 64 KiB}, {@code 3 GiB}, or {@code 1000 bytes} when no unit divides it. */
    public static String text(long bytes) {
        return inLargestExactUnit(bytes, " ");
    }

    private static String inLargestExactUnit(long bytes, String separator) {
        for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
            long size = UNITS.get(unit);
            if (bytes >= size && bytes % size == 0) {
                return bytes / size + separator + unit;
            }
        }
        return bytes + " bytes";
    }
}
