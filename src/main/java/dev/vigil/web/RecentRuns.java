package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A probe's runs of the last 24 hours, counted up and down per quarter-hour in a fixed ring: {@value #BUCKETS} ints,
 * about 420 bytes a probe whatever its interval (4 MB for 10,000 probes). One probe's runs never overlap, but the page
 * reads while a run adds, so both are synchronized; a read copies the ring and renders outside the lock. It is saved
 * with the state ({@link #saved}, {@link #restore}) so that a restart does not blank the bar.
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

    /**
     * The ring as text for the state file: the newest bucket's number, then the counts of the {@value #BUCKETS}
     * buckets up to it, oldest first, as {@code up/down}, a run of equal ones as {@code n*up/down}: a steady day is
     * {@code 1964122:96*30/0}. Null when no run was ever counted.
     */
    public synchronized String saved() {
        if (newest == Long.MIN_VALUE) {
            return null;
        }
        StringBuilder text = new StringBuilder(32).append(newest).append(':');
        for (int i = 0, end; i < BUCKETS; i = end) {
            int value = slots[slot(newest - BUCKETS + 1 + i)];
            for (end = i + 1; end < BUCKETS && slots[slot(newest - BUCKETS + 1 + end)] == value; end++) {
                // extends the run
            }
            text.append(i == 0 ? "" : ",").append(end - i == 1 ? "" : (end - i) + "*").append(value >>> 16).append('/')
                    .append(value & 0xFFFF);
        }
        return text.toString();
    }

    /**
     * The ring {@link #saved} wrote; text it cannot have written (another version's, or damaged) gives an empty ring,
     * since the bar is worth less than the rest of the state the file holds.
     */
    public static RecentRuns restore(String text) {
        RecentRuns runs = new RecentRuns();
        try {
            int colon = text.indexOf(':');
            long newest = Long.parseLong(text.substring(0, colon));
            int[] slots = new int[BUCKETS];
            int at = 0;
            for (String item : text.substring(colon + 1).split(",", BUCKETS + 1)) {
                int star = item.indexOf('*');
                int slash = item.indexOf('/');
                int repeat = star < 0 ? 1 : Integer.parseInt(item.substring(0, star));
                int up = count(item.substring(star + 1, slash));
                int down = count(item.substring(slash + 1));
                if (repeat < 1 || at + repeat > BUCKETS) {
                    return new RecentRuns();
                }
                Arrays.fill(slots, at, at + repeat, up << 16 | down);
                at += repeat;
            }
            if (at != BUCKETS || newest == Long.MIN_VALUE) {
                return new RecentRuns();
            }
            for (int i = 0; i < BUCKETS; i++) {
                runs.slots[slot(newest - BUCKETS + 1 + i)] = slots[i];
            }
            runs.newest = newest;
            return runs;
        } catch (RuntimeException e) {
            return new RecentRuns();
        }
    }

    private static int count(String text) {
        int count = Integer.parseInt(text);
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count out of range: " + count);
        }
        return count;
    }

    private static int slot(long number) {
        return (int) Math.floorMod(number, (long) BUCKETS);
    }
}
