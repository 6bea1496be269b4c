package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.config.ConfigError;
import dev.vigil.config.ConfigException;
import dev.vigil.config.Outputs;
import dev.vigil.config.VigilConfig;
import dev.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Config loads bounded in time, with every failure a located {@link ConfigException}. */
class BoundedLoadTest {
    private static final Path FILE = Path.of("probes.json");
    private static final VigilConfig CONFIG = new VigilConfig(FILE, List.of(), Outputs.NONE);

    private static String onlyError(ConfigException e) {
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().getFirst().describe();
    }

    @Test
    void aLoadThatEndsInTimeIsReturned() throws ConfigException {
        assertSame(CONFIG, new BoundedLoad(file -> CONFIG, Duration.ofSeconds(10)).load(FILE));
    }

    @Test
    void aConfigErrorIsPassedOnAsItIs() {
        ConfigException invalid = new ConfigException(List.of(new ConfigError(FILE, 3, 7, "$.probes", "bad")));
        BoundedLoad load = new BoundedLoad(file -> {
            throw invalid;
        }, Duration.ofSeconds(10));

        assertSame(invalid, assertThrows(ConfigException.class, () -> load.load(FILE)));
    }

    @Test
    void anyOtherThrowableBecomesAnErrorAtTheFile() {
        BoundedLoad runtime = new BoundedLoad(file -> {
            throw new IllegalStateException("the loader broke");
        }, Duration.ofSeconds(10));
        BoundedLoad error = new BoundedLoad(file -> {
            throw new StackOverflowError();
        }, Duration.ofSeconds(10));

        assertEquals("probes.json: $: cannot load the config: java.lang.IllegalStateException: the loader broke",
                onlyError(assertThrows(ConfigException.class, () -> runtime.load(FILE))));
        assertEquals("probes.json: $: cannot load the config: java.lang.StackOverflowError",
                onlyError(assertThrows(ConfigException.class, () -> error.load(FILE))));
    }

    @Test
    void aLoadThatHangsIsGivenUpAndHungLoadsAreCapped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        BoundedLoad load = new BoundedLoad(file -> {
            started.incrementAndGet();
            // A FIFO nobody writes to, until the test lets it go; an interrupt does not end a blocked open(2) either.
            while (true) {
                try {
                    release.await();
                    return CONFIG;
                } catch (InterruptedException e) {
                    // keep hanging
                }
            }
        }, Duration.ofMillis(50));

        for (int i = 0; i < BoundedLoad.MAX_ABANDONED; i++) {
            assertEquals("probes.json: $: config not loaded within 50 ms: is it, or a file it references, a FIFO or "
                    + "on a mount that does not answer?", onlyError(assertThrows(ConfigException.class,
                    () -> load.load(FILE))));
        }
        assertEquals("probes.json: $: " + BoundedLoad.MAX_ABANDONED + " earlier loads of the config are still hung "
                + "reading a file; not starting another", onlyError(assertThrows(ConfigException.class,
                () -> load.load(FILE))));
        assertEquals(BoundedLoad.MAX_ABANDONED, started.get(), "a load started beyond the cap");

        release.countDown();
        Eventually.until(Duration.ofSeconds(10), "loads possible again once the hung ones ended", () -> {
            try {
                return load.load(FILE) == CONFIG;
            } catch (ConfigException e) {
                return false;
            }
        });
    }
}
