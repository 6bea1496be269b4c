package dev.vigil.cert;

import java.util.Locale;

/** How a CA's certificate rate limit is modelled. */
public enum LimitMode {
    /** Let's Encrypt's current model: a bucket of {@code capacity} tokens, one returning every refill period. */
    TOKEN_BUCKET,
    /** The older description: at most {@code capacity} certificates within any fixed window (168 hours). */
    FIXED_WINDOW;

    /** The mode as written in the config, e.g. {@code token_bucket}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
