package dev.vigil.output.pushgateway;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@code System.Logger} that keeps every line as {@code LEVEL message}, for tests to read. */
final class RecordingLogger implements System.Logger {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Every line so far, oldest first. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return "dev.vigil.output.pushgateway";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        lines.add(level.getName() + " " + message + (thrown == null ? "" : ": " + thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level.getName() + " " + new MessageFormat(format, Locale.ROOT).format(params));
    }
}
