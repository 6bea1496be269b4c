package dev.vigil.output;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/** A delivery log that keeps its lines as {@code LEVEL text}, for assertions. */
public final class CapturedLog implements DeliveryLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void log(Level level, String line) {
        lines.add(level.getName() + " " + line);
    }

    /** The lines so far, in order. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
