package dev.vigil.output;

import java.time.Duration;

/** Waits: real time in the agent, a fake clock's time in tests. */
@FunctionalInterface
interface Sleeper {
    /** {@link Thread#sleep(Duration)}. */
    Sleeper REAL = Thread::sleep;

    /**
     * Returns after {@code duration}.
     *
     * @throws InterruptedException when the waiting thread is interrupted, e.g. because its queue closes
     */
    void sleep(Duration duration) throws InterruptedException;
}
