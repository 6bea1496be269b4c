import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import dev.vigil.state.StateFile;
import dev.vigil.state.StateStore;
import dev.vigil.state.VigilState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * For bench/state-load.sh. Two commands, each meant to run in a fresh JVM:
 * <ul>
 *   <li>{@code save DIR N SAVES}: builds a state of N endpoints with histories like a real agent's (2 or 3
 *       certificates each with 2 names and a 2-issuer chain, a change per replacement, 2 to 4 CT issuances), saves it
 *       SAVES times into DIR and prints "bytes=… first_save_ms=… save_ms=…" (save_ms: median of the saves after the
 *       first, which runs on a cold JVM).</li>
 *   <li>{@code load DIR}: opens DIR and loads the state, printing "load_ms=… endpoints=… observations=…", the time
 *       from before StateFile.open (lock and load) to after it.</li>
 * </ul>
 * Usage: java -cp target/vigil.jar bench/StateLoad.java save|load DIR [N SAVES]
 */
public class StateLoad {
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final String INTERMEDIATE = "CN=R11,O=Let's Encrypt,C=US";
    private static final String ROOT = "CN=ISRG Root X1,O=Internet Security Research Group,C=US";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("load")) {
            long start = System.nanoTime();
            VigilState loaded;
            try (StateFile file = StateFile.open(dir, Clock.systemUTC())) {
                loaded = file.loaded();
            }
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf("load_ms=%.1f endpoints=%d observations=%d%n", ms, loaded.endpoints().size(),
                    loaded.endpoints().values().stream().mapToInt(history -> history.observations().size()).sum());
            return;
        }
        VigilState state = generate(Integer.parseInt(args[2]), new Random(42));
        double[] saves = new double[Integer.parseInt(args[3])];
        try (StateStore store = StateStore.open(dir, Clock.systemUTC())) {
            for (int i = 0; i < saves.length; i++) {
                long start = System.nanoTime();
                store.save(state);
                saves[i] = (System.nanoTime() - start) / 1e6;
            }
            System.out.printf("bytes=%d first_save_ms=%.1f save_ms=%.1f%n", Files.size(store.file()), saves[0],
                    median(Arrays.copyOfRange(saves, 1, saves.length)));
        }
    }

    private static VigilState generate(int endpoints, Random random) {
        Map<String, EndpointHistory> histories = new HashMap<>();
        for (int i = 0; i < endpoints; i++) {
            String host = "svc-" + i + ".prod.example.com";
            Endpoint endpoint = new Endpoint(host, 443, host);
            List<Observation> observations = new ArrayList<>();
            List<CertChange> changes = new ArrayList<>();
            List<Issuance> issuances = new ArrayList<>();
            int certificates = 2 + random.nextInt(2);
            for (int c = certificates - 1; c >= 0; c--) {
                Instant seen = NOW.minus(Duration.ofDays(60L * c + random.nextInt(30)));
                Observation observation = new Observation(hex(random, 18), INTERMEDIATE, "CN=" + host,
                        List.of(host, "www." + host), seen.minus(Duration.ofHours(2)), seen.plus(Duration.ofDays(88)),
                        hex(random, 32), List.of(INTERMEDIATE, ROOT), true, seen,
                        c == 0 ? NOW : seen.plus(Duration.ofDays(60)));
                if (!observations.isEmpty()) {
                    changes.add(new CertChange(seen, ChangeKind.RENEWAL, Severity.INFO,
                            observations.getLast().serialHex(), observation.serialHex(),
                            "Renewed 28 days before expiry by the same issuer, same names."));
                }
                observations.add(observation);
                issuances.add(new Issuance(observation.serialHex(), observation.notBefore(), observation.sans()));
            }
            if (random.nextBoolean()) {
                issuances.add(new Issuance(hex(random, 18), NOW.minus(Duration.ofDays(3)), List.of(host)));
            }
            histories.put(endpoint.key(), new EndpointHistory(endpoint, Set.of("probe-" + i), observations, changes,
                    random.nextInt(4) == 0 ? 14 : null, NOW.minus(Duration.ofHours(random.nextInt(24))), issuances));
        }
        return VigilState.empty().withEndpoints(histories);
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
