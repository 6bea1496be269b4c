package dev.vigil.agent;

import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the config on a thread of its own, abandoned at a deadline, and turns every failure into a
 * {@link ConfigException}: whatever the file (a FIFO, a file on a hung mount) or the loader (an unexpected
 * exception) does, a reload ends in time with a reason, and the agent's threads and locks are never held by it.
 */
final class BoundedLoad implements ConfigSource {
    /** Loads left hung on a file that never answers; past this many no new one starts, so threads cannot pile up. */
    static final int MAX_ABANDONED = 4;

    private final ConfigSource source;
    private final Duration timeout;
    private final AtomicInteger abandoned = new AtomicInteger();

    BoundedLoad(ConfigSource source, Duration timeout) {
        this.source = source;
        this.timeout = timeout;
    }

    @Override
    public VigilConfig load(Path file) throws ConfigException {
        if (abandoned.get() >= MAX_ABANDONED) {
            throw failure(file, abandoned.get() + " earlier loads of the config are still hung reading a file; "
                    + "not starting another");
        }
        // Whichever comes first, the end of the load or the caller giving up, sets this; a load given up on counts
        // as hung until it ends, if it ever does.
        AtomicBoolean settled = new AtomicBoolean();
        FutureTask<VigilConfig> task = new FutureTask<>(() -> {
            try {
                return source.load(file);
            } finally {
                if (!settled.compareAndSet(false, true)) {
                    abandoned.decrementAndGet();
                }
            }
        });
        // A platform thread: a virtual one blocked opening a FIFO holds its carrier, and a few such hold them all.
        Thread.ofPlatform().name("vigil-config-load").daemon().start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            giveUp(settled, task);
            throw failure(file, "config not loaded within " + (timeout.toMillis() % 1000 == 0
                    ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
                    + ": is it, or a file it references, a FIFO or on a mount that does not answer?");
        } catch (InterruptedException e) {
            giveUp(settled, task);
            Thread.currentThread().interrupt();
            throw failure(file, "interrupted while loading the config");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config;
            }
            throw failure(file, "cannot load the config: " + e.getCause());
        }
    }

    private void giveUp(AtomicBoolean settled, FutureTask<VigilConfig> task) {
        if (settled.compareAndSet(false, true)) {
            abandoned.incrementAndGet();
        }
        task.cancel(true);
    }

    private static ConfigException failure(Path file, String message) {
        return new ConfigException(List.of(new ConfigError(file, 0, 0, "$", message)));
    }
}
