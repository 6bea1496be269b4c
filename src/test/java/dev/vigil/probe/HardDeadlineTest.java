package dev.vigil.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HardDeadlineTest {
    @Test
    void aProberThatNeverReturnsIsAbandonedAtItsDeadlineAndInterrupted() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Prober stuck = spec -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        };
        HttpSpec spec = new HttpSpec(URI.create("https://hung.test/"), "GET", List.of(), Duration.ofMillis(200),
                HttpExpectations.DEFAULT, TlsOptions.DEFAULT, 1024, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1, null);

        ProbeResult result = new HardDeadline(stuck, Clock.systemUTC()).run(spec);

        assertEquals(FailureKind.TIMEOUT, result.failure().kind());
        assertEquals("the probe of https://hung.test/ did not finish within its 200 ms timeout and was abandoned",
                result.failure().message());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the stuck probe thread was not interrupted");
    }

    @Test
    void eachRunGoesOnAThreadOfTheGivenFactoryNamedForItsUrl() {
        ProbeResult done = new ProbeResult(java.time.Instant.EPOCH, Duration.ZERO, null, null, null, Phases.NONE, null, List.of());
        Thread[] ranOn = new Thread[1];
        Prober recording = spec -> {
            ranOn[0] = Thread.currentThread();
            return done;
        };

        new HardDeadline(recording, Clock.systemUTC(), Thread.ofPlatform().daemon().factory())
                .run(HttpSpec.of(URI.create("https://fine.test/")));

        assertFalse(ranOn[0].isVirtual());
        assertTrue(ranOn[0].isDaemon());
        assertEquals("probe https://fine.test/", ranOn[0].getName());
    }

    @Test
    void aProberThatFinishesInTimeIsPassedThrough() {
        ProbeResult done = new ProbeResult(java.time.Instant.EPOCH, Duration.ZERO, null, null, null, Phases.NONE, null, List.of());
        HttpSpec spec = HttpSpec.of(URI.create("https://fine.test/"));
        assertEquals(done, new HardDeadline(s -> done, Clock.systemUTC()).run(spec));
    }

    @Test
    void aProberThatThrowsEndsTheRunAsAnInternalFailureNotAsAnException() {
        HttpSpec spec = HttpSpec.of(URI.create("https://broken.test/"));
        Prober throwing = s -> {
            throw new NoClassDefFoundError("dev/vigil/Missing");
        };

        ProbeResult result = new HardDeadline(throwing, Clock.systemUTC()).run(spec);

        assertEquals(FailureKind.INTERNAL, result.failure().kind());
        assertEquals("Vigil failed while probing https://broken.test/, so its state is unknown: NoClassDefFoundError"
                + " (dev/vigil/Missing)", result.failure().message());
    }
}
