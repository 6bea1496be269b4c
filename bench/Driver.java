import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives blackbox_exporter for bench/daemon.sh --blackbox: asks PROBE_URL (its /probe endpoint with the module set) to
 * probe TARGET_BASE + i, i cycling over 1..N, at RATE probes per second for SECONDS, each request started on a fixed
 * schedule, then waits for the last answers and prints "sent=… ok=… failed=… driver_cpu_ms=…" (ok: the answer says
 * probe_success 1; driver_cpu_ms: this process's own CPU, for the caller to subtract from the machine's).
 * JDK only; runs as its own process so that its CPU is not blackbox_exporter's.
 * Usage: java bench/Driver.java PROBE_URL TARGET_BASE N RATE SECONDS
 */
public class Driver {
    public static void main(String[] args) throws Exception {
        String probeUrl = args[0];
        String targetBase = args[1];
        int n = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        long total = Math.round(rate * Double.parseDouble(args[4]));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            String target = URLEncoder.encode(targetBase + (i % n + 1), StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(probeUrl + "&target=" + target))
                    .timeout(Duration.ofSeconds(15)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                boolean success = error == null && response.statusCode() == 200
                        && response.body().contains("\nprobe_success 1");
                (success ? ok : failed).incrementAndGet();
                done.countDown();
            });
        }
        done.await(30, TimeUnit.SECONDS);
        long cpuMillis = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
        System.out.printf("sent=%d ok=%d failed=%d driver_cpu_ms=%d%n", total, ok.get(), failed.get(), cpuMillis);
    }
}
