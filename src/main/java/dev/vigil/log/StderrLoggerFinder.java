package dev.vigil.log;

/**
 * Installed as the {@code System.Logger} backend (see {@code META-INF/services}): every logger, Vigil's and the JDK's,
 * writes one line per event to stderr. Unlike {@code java.util.logging}, nothing here is shut down by a JVM shutdown
 * hook, so the lines an agent logs while stopping are not lost.
 */
public final class StderrLoggerFinder extends System.LoggerFinder {
    private final StderrLogger.Sink sink = new StderrLogger.Sink(System.err, StderrLogger.threshold(System.getenv("VIGIL_LOG_LEVEL")));

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new StderrLogger(name, sink);
    }
}
