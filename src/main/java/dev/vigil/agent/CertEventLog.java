package dev.vigil.agent;

import dev.vigil.cert.CertEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Logs each certificate event, one line at the level of its severity. */
final class CertEventLog {
    private static final Logger LOG = System.getLogger("dev.vigil.cert");

    private CertEventLog() {
    }

    static void log(CertEvent event) {
        Level level = switch (event.severity()) {
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case CRITICAL -> Level.ERROR;
        };
        LOG.log(level, "certificate " + event.kind() + " (" + event.severity().id() + ") probe=" + event.probe()
                + " endpoint=" + event.endpoint() + ": " + event.message());
    }
}
