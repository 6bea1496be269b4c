package dev.vigil.log;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A {@code System.Logger} that writes {@code TIME LEVEL message[: cause]} as a single line. A stack trace would
 * spread one event over many journal lines; the cause's own text is what an operator acts on.
 */
final class StderrLogger implements System.Logger {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The shared destination and the lowest level written. */
    record Sink(PrintStream out, Level threshold) {
        void write(String line) {
            synchronized (out) {
                out.println(line);
            }
        }
    }

    private final String name;
    private final Sink sink;

    StderrLogger(String name, Sink sink) {
        this.name = name;
        this.sink = sink;
    }

    /** The level named by {@code VIGIL_LOG_LEVEL} (e.g. {@code DEBUG}, {@code WARNING}), INFO when unset or unknown. */
    static Level threshold(String name) {
        if (name != null) {
            for (Level level : Level.values()) {
                if (level.getName().equalsIgnoreCase(name.trim())) {
                    return level;
                }
            }
        }
        return Level.INFO;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= sink.threshold().getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            sink.write(line(Instant.now(), level, message, thrown));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String message = params == null || params.length == 0 ? format : new MessageFormat(format, Locale.ROOT).format(params);
            sink.write(line(Instant.now(), level, message, null));
        }
    }

    /** One event as one line: embedded line breaks become " | ". */
    static String line(Instant at, Level level, String message, Throwable thrown) {
        String text = String.valueOf(message) + (thrown == null ? "" : ": " + thrown);
        return TIME.format(at) + " " + level.getName() + " " + text.replace("\r\n", " | ").replace('\r', ' ').replace("\n", " | ");
    }
}
