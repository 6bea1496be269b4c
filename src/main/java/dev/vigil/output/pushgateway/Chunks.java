package dev.vigil.output.pushgateway;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects what is written in chunks of up to 64 KiB, so a large body is never copied to grow one array. */
final class Chunks extends OutputStream {
    private static final int SIZE = 64 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[SIZE];
    private int used;

    @Override
    public void write(int b) {
        if (used == SIZE) {
            next();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (used == SIZE) {
                next();
            }
            int n = Math.min(length - done, SIZE - used);
            System.arraycopy(bytes, offset + done, current, used, n);
            used += n;
            done += n;
        }
    }

    /** Everything written, in order. */
    List<byte[]> chunks() {
        List<byte[]> all = new ArrayList<>(full);
        all.add(Arrays.copyOf(current, used));
        return all;
    }

    private void next() {
        full.add(current);
        current = new byte[SIZE];
        used = 0;
    }
}
