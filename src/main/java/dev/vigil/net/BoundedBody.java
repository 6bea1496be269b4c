package dev.vigil.net;

import java.nio.charset.StandardCharsets;

/** The body bytes read, at most the probe's limit; {@code truncated} when the server had more to send. */
public record BoundedBody(byte[] bytes, boolean truncated) {
    public static final BoundedBody EMPTY = new BoundedBody(new byte[0], false);

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
