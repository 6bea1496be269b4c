package dev.vigil.agent;

import static dev.vigil.agent.Probes.every;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Prober;
import dev.vigil.testing.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProbeRunnerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private final FakeClock clock = new FakeClock(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AgentMetrics metrics = new AgentMetrics(registry, clock);
    private final Queue<String> finished = new ConcurrentLinkedQueue<>();

    private static ProbeResult ok(Instant at) {
        return new ProbeResult(at, Duration.ZERO, null, null, null, Phases.NONE, null, List.of());
    }

    private ProbeRunner runner(Prober prober, Executor executor, int concurrency) {
        return new ProbeRunner(prober, executor, concurrency, clock, metrics, (probe, result) -> finished.add(probe.name()));
    }

    private static DueRun due(ScheduledProbe probe, Instant at) {
        return new DueRun(probe, at, 0);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void aProbeStillRunningAtItsNextSlotIsSkippedNotOverlapped() {
        Queue<Runnable> queued = new ArrayDeque<>();
        ProbeRunner runner = runner(spec -> ok(NOW), queued::add, 4);
        ScheduledProbe probe = new ScheduledProbe(every("slow", Duration.ofSeconds(10)), NOW, new AtomicBoolean());

        runner.start(due(probe, NOW));
        runner.start(due(probe, NOW.plusSeconds(10)));

        assertEquals(1, queued.size(), "the second slot started nothing");
        assertEquals(1.0, counter("vigil.scheduler.skipped.runs"));
        queued.poll().run();
        runner.start(due(probe, NOW.plusSeconds(20)));
        assertEquals(1, queued.size(), "once the run finished, the next slot runs");
        assertEquals(List.of("slow"), List.copyOf(finished));
    }

    @Test
    void missedSlotsCountAsSkipped() {
        ProbeRunner runner = runner(spec -> ok(NOW), Runnable::run, 4);
        ScheduledProbe probe = new ScheduledProbe(every("a", Duration.ofSeconds(10)), NOW, new AtomicBoolean());

        runner.start(new DueRun(probe, NOW, 3));

        assertEquals(3.0, counter("vigil.scheduler.skipped.runs"));
        assertEquals(1.0, counter("vigil.probe.runs"));
    }

    @Test
    void lagIsMeasuredFromTheSlotToTheStartOfTheRun() {
        ProbeRunner runner = runner(spec -> ok(NOW), Runnable::run, 4);
        ScheduledProbe probe = new ScheduledProbe(every("a", Duration.ofSeconds(10)), NOW, new AtomicBoolean());
        clock.advance(Duration.ofMillis(250));

        runner.start(due(probe, NOW));

        assertEquals(250.0, registry.get("vigil.scheduler.lag").timer().max(TimeUnit.MILLISECONDS));
    }

    @Test
    void neverMoreRunsInFlightThanTheConcurrencyLimit() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoStarted = new CountDownLatch(2);
        Prober blocking = spec -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            twoStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return ok(NOW);
        };
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ProbeRunner runner = runner(blocking, threads, 2);
            for (int i = 0; i < 6; i++) {
                runner.start(due(new ScheduledProbe(every("p" + i, Duration.ofSeconds(10)), NOW, new AtomicBoolean()), NOW));
            }
            assertTrue(twoStarted.await(10, TimeUnit.SECONDS));
            assertEquals(2.0, registry.get("vigil.probes.in.flight").gauge().value());
            release.countDown();
        }
        assertEquals(2, most.get());
        assertEquals(6, finished.size());
        assertEquals(0.0, registry.get("vigil.probes.in.flight").gauge().value());
    }

    @Test
    void afterStopRunsWaitingForAPermitDoNotStart() {
        Queue<Runnable> queued = new ArrayDeque<>();
        AtomicInteger ran = new AtomicInteger();
        ProbeRunner runner = runner(spec -> {
            ran.incrementAndGet();
            return ok(NOW);
        }, queued::add, 4);
        ScheduledProbe probe = new ScheduledProbe(every("a", Duration.ofSeconds(10)), NOW, new AtomicBoolean());
        runner.start(due(probe, NOW));

        runner.stop();
        queued.poll().run();

        assertEquals(0, ran.get());
        assertTrue(!probe.running.get(), "the probe is free again");
    }
}
