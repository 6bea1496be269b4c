package dev.vigil.config;

import dev.vigil.probe.HttpSpec;
import dev.vigil.text.ByteSizes;

/**
 * The body-size rule shared by config ({@code maxBodySize}) and flags ({@code --max-body-size}); the sizes themselves
 * are read by {@link ByteSizes}.
 */
public final class Sizes {
    private Sizes() {
    }

    /**
     * {@code bytes} as a probe's body limit ({@code maxBodySize}, {@code --max-body-size}); throws
     * {@link IllegalArgumentException} when it exceeds {@link HttpSpec#MAX_BODY_BYTES}.
     */
    public static long bodyLimit(long bytes) {
        if (bytes > HttpSpec.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("must be at most " + ByteSizes.format(HttpSpec.MAX_BODY_BYTES)
                    + " (the most body bytes a probe may read), got " + ByteSizes.format(bytes));
        }
        return bytes;
    }
}
