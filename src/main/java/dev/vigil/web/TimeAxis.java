package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal time axis of an inline chart, in percent of its width: the chart's SVG has no viewBox, so it stretches
 * to the page's width while its text keeps its size, legible at phone width as at 1100 px. Ticks fall on round UTC
 * instants (minutes, hours, days), at most {@link #MAX_TICKS}, so their labels do not collide on a phone.
 *
 * @param from the instant at the left edge
 * @param to   the instant at the right edge, after {@code from}
 */
record TimeAxis(Instant from, Instant to) {
    static final int MAX_TICKS = 5;
    private static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30),
            Duration.ofDays(60), Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(365));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("MMM d uuuu", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    TimeAxis {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("an axis must end after it starts: " + from + " to " + to);
        }
    }

    /** An axis over {@code from} to {@code to}, one second wide when they are the same instant. */
    static TimeAxis over(Instant from, Instant to) {
        return new TimeAxis(from, to.isAfter(from) ? to : from.plusSeconds(1));
    }

    /** Where {@code at} is, in percent of the width from the left, clamped to the axis. */
    double percent(Instant at) {
        double span = Duration.between(from, to).toMillis();
        return Math.clamp(Duration.between(from, at).toMillis() / span * 100, 0, 100);
    }

    /** {@link #percent} as an SVG length, e.g. {@code 12.34%}. */
    String x(Instant at) {
        return length(percent(at));
    }

    /** {@code percent} as an SVG length, e.g. {@code 12.34%}. */
    static String length(double percent) {
        return String.format(Locale.ROOT, "%.2f%%", percent);
    }

    /** Whether {@code at} is on the axis, its ends included. */
    boolean covers(Instant at) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    /**
     * The shortest round step that puts at most {@link #MAX_TICKS} ticks on the axis: whole years beyond the steps
     * listed, as for a self-signed certificate valid until 9999.
     */
    Duration step() {
        Duration span = Duration.between(from, to);
        Duration year = STEPS.getLast();
        return STEPS.stream().filter(step -> span.dividedBy(step) < MAX_TICKS).findFirst()
                .orElse(year.multipliedBy(span.dividedBy(year.multipliedBy(MAX_TICKS)) + 1));
    }

    /**
     * The ticks: every multiple of {@link #step()} since the epoch (UTC midnight for days) on the axis, labelled with
     * the day and year ({@code Dec 2 2030}) for steps of a year or more, the day ({@code Dec 2}) for steps of a day or
     * more, else the time ({@code 13:30}), the day before the time at the first tick and where the day changes.
     */
    List<Tick> ticks() {
        long step = step().toSeconds();
        boolean days = step >= Duration.ofDays(1).toSeconds();
        boolean years = step >= STEPS.getLast().toSeconds();
        List<Tick> ticks = new ArrayList<>();
        String lastDay = null;
        for (long at = Math.ceilDiv(from.getEpochSecond(), step) * step; at <= to.getEpochSecond(); at += step) {
            Instant tick = Instant.ofEpochSecond(at);
            String day = DAY.format(tick);
            String label = years ? YEAR.format(tick) : days ? day
                    : day.equals(lastDay) ? TIME.format(tick) : day + " " + TIME.format(tick);
            ticks.add(new Tick(tick, label));
            lastDay = day;
        }
        return ticks;
    }

    /** Draws the ticks as thin lines from {@code top} to {@code bottom} and their labels under {@code bottom}. */
    void append(StringBuilder svg, int top, int bottom) {
        for (Tick tick : ticks()) {
            double at = percent(tick.at());
            String x = x(tick.at());
            // Labels at the edges grow inwards, or they would be cut off.
            String anchor = at < 8 ? "start" : at > 92 ? "end" : "middle";
            Svg.line(svg, "tick", x, x, top, bottom);
            Svg.text(svg, "axis", x, bottom + 12, anchor, tick.label());
        }
    }

    /** A tick of the axis and its label. */
    record Tick(Instant at, String label) {
    }
}
