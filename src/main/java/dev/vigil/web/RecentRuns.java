package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A probe's runs of the last 24 hours, counted up and down per quarter-hour in a fixed ring: {@value #BUCKETS} ints,
 * about 420 bytes a probe whatever its interval (4 MB for 10,000 probes). One probe's runs never overlap, but the page
 * reads while a run adds, so both are synchronized; a read copies the ring and renders outside the lock.
 */
public final class RecentRuns {
    /** The span of one bucket. */
    public static final Duration BUCKET = Duration.ofMinutes(15);
    /** Buckets kept: 24 hours of them. */
    public static final int BUCKETS = 96;
    private static final long BUCKET_SECONDS = BUCKET.toSeconds();
    /** Each count is 15 bits, so a bucket holds up to this many runs of each result (one every 28 ms). */
    private static final int MAX_COUNT = 0x7FFF;

    /** Per bucket, up runs in the high 16 bits and down runs in the low 16. */
    private final int[] slots = new int[BUCKETS];
    /** The number (epoch seconds / bucket) of the newest bucket written; older numbers share its ring. */
    private long newest = Long.MIN_VALUE;

    /** Counts a run that started at {@code startedAt}; a run older than the ring's window is not counted. */
    public synchronized void add(Instant startedAt, boolean up) {
        long number = Math.floorDiv(startedAt.getEpochSecond(), BUCKET_SECONDS);
        if (newest == Long.MIN_VALUE || number - newest >= BUCKETS) {
            Arrays.fill(slots, 0);
            newest = number;
        } else if (number > newest) {
            for (long cleared = newest + 1; cleared <= number; cleared++) {
                slots[slot(cleared)] = 0;
            }
            newest = number;
        } else if (newest - number >= BUCKETS) {
            return;
        }
        int i = slot(number);
        int ups = slots[i] >>> 16;
        int downs = slots[i] & 0xFFFF;
        slots[i] = Math.min(MAX_COUNT, ups + (up ? 1 : 0)) << 16 | Math.min(MAX_COUNT, downs + (up ? 0 : 1));
    }

    /** The counts of the {@value #BUCKETS} buckets up to the one holding {@code now}, oldest first. */
    public synchronized RunBuckets snapshot(Instant now) {
        long last = Math.floorDiv(now.getEpochSecond(), BUCKET_SECONDS);
        long first = last - BUCKETS + 1;
        int[] counts = new int[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            long number = first + i;
            if (newest != Long.MIN_VALUE && number <= newest && newest - number < BUCKETS) {
                counts[i] = slots[slot(number)];
            }
        }
        return new RunBuckets(Instant.ofEpochSecond(first * BUCKET_SECONDS), BUCKET, counts);
    }

    private static int slot(long number) {
        return (int) Math.floorMod(number, (long) BUCKETS);
    }
}
