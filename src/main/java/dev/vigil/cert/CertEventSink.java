package dev.vigil.cert;

/** Where certificate events go: the log today, alerting later. Called from probe threads; must not block long. */
@FunctionalInterface
public interface CertEventSink {
    void accept(CertEvent event);
}
