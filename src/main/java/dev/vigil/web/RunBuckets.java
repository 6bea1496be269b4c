package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A copy of a probe's recent runs: consecutive buckets from {@code start}, each counting up and down runs, with their
 * mean response time.
 */
public final class RunBuckets {
    /** No runs at all, e.g. a probe not run yet. */
    public static final RunBuckets NONE = new RunBuckets(Instant.EPOCH, RecentRuns.BUCKET, new int[0], new char[0]);

    private final Instant start;
    private final Duration width;
    /** Per bucket, up runs in the high 16 bits and down runs in the low 16. */
    private final int[] counts;
    /** Per bucket, the mean response time in milliseconds plus one; 0 when not known. */
    private final char[] millis;

    RunBuckets(Instant start, Duration width, int[] counts, char[] millis) {
        this.start = start;
        this.width = width;
        this.counts = counts;
        this.millis = millis;
    }

    /** Buckets of the given counts, oldest first, without response times, for tests and synthetic pages. */
    public static RunBuckets of(Instant start, Duration width, int[] ups, int[] downs) {
        return of(start, width, ups, downs, new int[ups.length]);
    }

    /**
     * Buckets of the given counts and mean response times in milliseconds (negative for not known), oldest first, for
     * tests and synthetic pages.
     */
    public static RunBuckets of(Instant start, Duration width, int[] ups, int[] downs, int[] meanMillis) {
        if (ups.length != downs.length || ups.length != meanMillis.length) {
            throw new IllegalArgumentException("ups, downs and means differ in length: " + ups.length + " "
                    + downs.length + " " + meanMillis.length);
        }
        int[] counts = new int[ups.length];
        Arrays.setAll(counts, i -> ups[i] << 16 | downs[i]);
        char[] millis = new char[ups.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = (char) (meanMillis[i] < 0 ? 0 : Math.min(meanMillis[i], RecentRuns.MAX_MILLIS) + 1);
        }
        return new RunBuckets(start, width, counts, millis);
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

    /** The mean response time of the bucket's runs in milliseconds, or -1 when not known. */
    public int meanMillis(int bucket) {
        return millis[bucket] - 1;
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
