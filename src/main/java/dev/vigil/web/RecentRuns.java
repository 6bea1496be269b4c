package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/**
 * A probe's runs of the last 24 hours, counted up and down per quarter-hour in a fixed ring, with their mean response
 * time: {@value #BUCKETS} ints and as many chars, about 620 bytes a probe whatever its interval (6 MB for 10,000
 * probes). One probe's runs never overlap, but the page reads while a run adds, so both are synchronized; a read
 * copies the ring and renders outside the lock. It is saved with the state ({@link #saved}, {@link #restore}) so that
 * a restart does not blank the bar.
 */
public final class RecentRuns {
    /** The span of one bucket. */
    public static final Duration BUCKET = Duration.ofMinutes(15);
    /** Buckets kept: 24 hours of them. */
    public static final int BUCKETS = 96;
    private static final long BUCKET_SECONDS = BUCKET.toSeconds();
    /** Each count is 15 bits, so a bucket holds up to this many runs of each result (one every 28 ms). */
    private static final int MAX_COUNT = 0x7FFF;

    /** Longer is shown as this: a char holds it, and no probe's timeout is near it. */
    static final int MAX_MILLIS = 0xFFFE;

    /** Per bucket, up runs in the high 16 bits and down runs in the low 16. */
    private final int[] slots = new int[BUCKETS];
    /**
     * Per bucket, the mean response time of its runs in milliseconds plus one; 0 when none is known (no run, or a ring
     * restored from a state file written before response times were kept). A char, not an int: 2 MB less at 10,000
     * probes, and a mean past a minute is as useful capped.
     */
    private final char[] millis = new char[BUCKETS];
    /** The number (epoch seconds / bucket) of the newest bucket written; older numbers share its ring. */
    private long newest = Long.MIN_VALUE;

    /**
     * Counts a run that started at {@code startedAt} and took {@code took}; a run older than the ring's window is not
     * counted.
     */
    public synchronized void add(Instant startedAt, boolean up, Duration took) {
        long number = Math.floorDiv(startedAt.getEpochSecond(), BUCKET_SECONDS);
        if (newest == Long.MIN_VALUE || number - newest >= BUCKETS) {
            Arrays.fill(slots, 0);
            Arrays.fill(millis, (char) 0);
            newest = number;
        } else if (number > newest) {
            for (long cleared = newest + 1; cleared <= number; cleared++) {
                slots[slot(cleared)] = 0;
                millis[slot(cleared)] = 0;
            }
            newest = number;
        } else if (newest - number >= BUCKETS) {
            return;
        }
        int i = slot(number);
        int ups = slots[i] >>> 16;
        int downs = slots[i] & 0xFFFF;
        slots[i] = Math.min(MAX_COUNT, ups + (up ? 1 : 0)) << 16 | Math.min(MAX_COUNT, downs + (up ? 0 : 1));
        millis[i] = (char) (meanWith(millis[i] - 1, ups + downs, took) + 1);
    }

    /**
     * The mean response time, in milliseconds, of {@code count} runs whose mean was {@code mean} (negative when not
     * known) and one more that took {@code took}; capped at {@value #MAX_MILLIS}.
     */
    private static int meanWith(int mean, int count, Duration took) {
        long ms = Math.min(took.toMillis(), MAX_MILLIS);
        if (mean < 0 || count <= 0) {
            return (int) ms;
        }
        return (int) Math.round(mean + (ms - mean) / (double) (count + 1));
    }

    /** The counts of the {@value #BUCKETS} buckets up to the one holding {@code now}, oldest first. */
    public synchronized RunBuckets snapshot(Instant now) {
        long last = Math.floorDiv(now.getEpochSecond(), BUCKET_SECONDS);
        long first = last - BUCKETS + 1;
        int[] counts = new int[BUCKETS];
        char[] means = new char[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            long number = first + i;
            if (newest != Long.MIN_VALUE && number <= newest && newest - number < BUCKETS) {
                counts[i] = slots[slot(number)];
                means[i] = millis[slot(number)];
            }
        }
        return new RunBuckets(Instant.ofEpochSecond(first * BUCKET_SECONDS), BUCKET, counts, means);
    }

    /**
     * The ring as text for the state file: the newest bucket's number, then the counts of the {@value #BUCKETS}
     * buckets up to it, oldest first, as {@code up/down}, a run of equal ones as {@code n*up/down}, then after a
     * {@code ;} their mean response times in milliseconds plus one, alike: a steady day is {@code
     * 1964122:96*30/0;96*88}. Null when no run was ever counted.
     */
    public synchronized String saved() {
        if (newest == Long.MIN_VALUE) {
            return null;
        }
        StringBuilder text = new StringBuilder(48).append(newest).append(':');
        appendRuns(text, i -> slots[slot(newest - BUCKETS + 1 + i)], value -> (value >>> 16) + "/" + (value & 0xFFFF));
        text.append(';');
        appendRuns(text, i -> millis[slot(newest - BUCKETS + 1 + i)], String::valueOf);
        return text.toString();
    }

    /** The {@value #BUCKETS} values {@code at} gives, oldest first, a run of equal ones as {@code n*value}. */
    private static void appendRuns(StringBuilder text, IntUnaryOperator at, IntFunction<String> written) {
        for (int i = 0, end; i < BUCKETS; i = end) {
            int value = at.applyAsInt(i);
            for (end = i + 1; end < BUCKETS && at.applyAsInt(end) == value; end++) {
                // extends the run
            }
            text.append(i == 0 ? "" : ",").append(end - i == 1 ? "" : (end - i) + "*").append(written.apply(value));
        }
    }

    /**
     * The ring {@link #saved} wrote, or an earlier version wrote without response times (which are then not known);
     * text it cannot have written (damaged, or a later version's) gives an empty ring, since the bar is worth less
     * than the rest of the state the file holds.
     */
    public static RecentRuns restore(String text) {
        RecentRuns runs = new RecentRuns();
        try {
            int colon = text.indexOf(':');
            long newest = Long.parseLong(text.substring(0, colon));
            int semicolon = text.indexOf(';', colon);
            int[] slots = runs(text.substring(colon + 1, semicolon < 0 ? text.length() : semicolon), item -> {
                int slash = item.indexOf('/');
                return bounded(item.substring(0, slash), MAX_COUNT) << 16 | bounded(item.substring(slash + 1), MAX_COUNT);
            });
            int[] millis = semicolon < 0 ? new int[BUCKETS]
                    : runs(text.substring(semicolon + 1), item -> bounded(item, MAX_MILLIS + 1));
            if (newest == Long.MIN_VALUE) {
                return new RecentRuns();
            }
            for (int i = 0; i < BUCKETS; i++) {
                runs.slots[slot(newest - BUCKETS + 1 + i)] = slots[i];
                runs.millis[slot(newest - BUCKETS + 1 + i)] = (char) millis[i];
            }
            runs.newest = newest;
            return runs;
        } catch (RuntimeException e) {
            return new RecentRuns();
        }
    }

    /** The {@value #BUCKETS} values {@link #appendRuns} wrote, each read by {@code value}. */
    private static int[] runs(String text, ToIntFunction<String> value) {
        int[] values = new int[BUCKETS];
        int at = 0;
        for (String item : text.split(",", BUCKETS + 1)) {
            int star = item.indexOf('*');
            int repeat = star < 0 ? 1 : Integer.parseInt(item.substring(0, star));
            if (repeat < 1 || at + repeat > BUCKETS) {
                throw new IllegalArgumentException("more than " + BUCKETS + " buckets");
            }
            Arrays.fill(values, at, at + repeat, value.applyAsInt(item.substring(star + 1)));
            at += repeat;
        }
        if (at != BUCKETS) {
            throw new IllegalArgumentException("fewer than " + BUCKETS + " buckets");
        }
        return values;
    }

    private static int bounded(String text, int max) {
        int value = Integer.parseInt(text);
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("out of range: " + value);
        }
        return value;
    }

    private static int slot(long number) {
        return (int) Math.floorMod(number, (long) BUCKETS);
    }
}
