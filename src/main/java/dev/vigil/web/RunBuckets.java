package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** A copy of a probe's recent runs: consecutive buckets from {@code start}, each counting up and down runs. */
public final class RunBuckets {
    /** No runs at all, e.g. a probe not run yet. */
    public static final RunBuckets NONE = new RunBuckets(Instant.EPOCH, RecentRuns.BUCKET, new int[0]);

    private final Instant start;
    private final Duration width;
    /** Per bucket, up runs in the high 16 bits and down runs in the low 16. */
    private final int[] counts;

    RunBuckets(Instant start, Duration width, int[] counts) {
        this.start = start;
        this.width = width;
        this.counts = counts;
    }

    /** Buckets of the given counts, oldest first, for tests and synthetic pages. */
    public static RunBuckets of(Instant start, Duration width, int[] ups, int[] downs) {
        if (ups.length != downs.length) {
            throw new IllegalArgumentException("ups and downs differ in length: " + ups.length + " " + downs.length);
        }
        int[] counts = new int[ups.length];
        Arrays.setAll(counts, i -> ups[i] << 16 | downs[i]);
        return new RunBuckets(start, width, counts);
    }

    public Instant start() {
        return start;
    }

    public Duration width() {
        return width;
    }

    public int size() {
        return counts.length;
    }

    public int up(int bucket) {
        return counts[bucket] >>> 16;
    }

    public int down(int bucket) {
        return counts[bucket] & 0xFFFF;
    }

    public int totalUp() {
        int sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += up(i);
        }
        return sum;
    }

    public int totalDown() {
        int sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += down(i);
        }
        return sum;
    }
}
