package dev.vigil.net;

import dev.vigil.net.BoundedBody;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The body bytes of one response, kept as the chunks they arrived in. A {@code ByteArrayOutputStream} doubles its
 * array as it grows and copies it once more at the end, so a body near the limit cost up to three times its size;
 * chunks cost the body's size, plus one chunk while {@link #finish} joins them. Not thread-safe: one reader at a time.
 */
public final class BodyBuffer {
    private final long limit;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    /** @param limit the most bytes kept */
    public BodyBuffer(long limit) {
        this.limit = limit;
    }

    /** Bytes that still fit under the limit. */
    public long room() {
        return limit - size;
    }

    public long size() {
        return size;
    }

    public void add(byte[] bytes, int offset, int length) {
        byte[] chunk = new byte[length];
        System.arraycopy(bytes, offset, chunk, 0, length);
        append(chunk);
    }

    /** Takes {@code length} bytes from {@code buffer}. */
    public void add(ByteBuffer buffer, int length) {
        byte[] chunk = new byte[length];
        buffer.get(chunk);
        append(chunk);
    }

    private void append(byte[] chunk) {
        if (chunk.length > room()) {
            throw new IllegalArgumentException(chunk.length + " bytes do not fit in the " + room() + " left");
        }
        if (chunk.length > 0) {
            chunks.add(chunk);
            size += chunk.length;
        }
    }

    /** The body; the chunks are let go as they are copied, so the peak is the body plus one chunk. */
    public BoundedBody finish(boolean truncated) {
        byte[] all = new byte[(int) size];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.set(i, null);
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        chunks.clear();
        return new BoundedBody(all, truncated);
    }
}
