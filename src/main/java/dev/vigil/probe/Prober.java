package dev.vigil.probe;

/** The probe contract: a spec in, a result out. Failures are returned as data, never thrown. */
@FunctionalInterface
public interface Prober {
    ProbeResult run(ProbeSpec spec);
}
