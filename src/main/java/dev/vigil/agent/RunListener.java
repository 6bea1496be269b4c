package dev.vigil.agent;

import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.ProbeResult;

/** Where finished runs go (metrics today; state and alerting can listen the same way). */
interface RunListener {
    /** A run of a probe that is still configured finished. Called from many threads at once. */
    void completed(ProbeConfig probe, ProbeResult result);

    /** The probe was removed or changed by a reload: forget what is kept about it. */
    void forget(String probeName);
}
