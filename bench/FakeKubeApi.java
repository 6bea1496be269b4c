import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * The Kubernetes API server of bench/discovery.sh: Ingresses in namespace "bench", listed in pages (limit/continue) and
 * watched as a real API server streams them (chunked JSON lines, a watch resumed from any resourceVersion seen,
 * bookmarks while quiet, the watch ended after its timeoutSeconds). Starts with N Ingresses of H hosts each; GET
 * /bench/start?rate=R&seconds=S then makes R changes a second for S seconds (a third each: add an Ingress, delete one,
 * rename one host of one), then one last add, and writes the probe names the agent should end with, sorted, to
 * OUT/expected.txt (and those of the start to OUT/initial.txt). Prints "port=P" when serving and
 * "changes … last_ms=T" when done (T: when the last change was streamed, epoch ms); each request it is asked goes to
 * stderr with its time. JDK only; runs as its own process so that its CPU is not the agent's.
 * Usage: java bench/FakeKubeApi.java KEYSTORE.p12 PASSWORD TOKEN N H OUT [SEED]
 */
public class FakeKubeApi {
    private static final String PATH = "/apis/networking.k8s.io/v1/namespaces/bench/ingresses";
    private static final long BOOKMARK_EVERY_MS = 5_000;

    private final String token;
    private final int hostsPerIngress;
    private final Path out;
    private final Random random;
    /** The Ingresses now, by name: their hosts. Guarded by this, as are the fields below. */
    private final TreeMap<String, List<String>> ingresses = new TreeMap<>();
    private final List<String> names = new ArrayList<>();
    /** Every event since the start, the first at resourceVersion {@link #base} + 1. */
    private final List<String> events = new ArrayList<>();
    private long base;
    private long version;
    private int next;
    private final Map<String, List<String>> snapshots = new HashMap<>();

    FakeKubeApi(String token, int hostsPerIngress, Path out, long seed) {
        this.token = token;
        this.hostsPerIngress = hostsPerIngress;
        this.out = out;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        keys.init(KeyStore.getInstance(new File(args[0]), password), password);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        FakeKubeApi api = new FakeKubeApi(args[2], Integer.parseInt(args[4]), Path.of(args[5]),
                args.length > 6 ? Long.parseLong(args[6]) : 18);
        int count = Integer.parseInt(args[3]);
        synchronized (api) {
            for (int i = 0; i < count; i++) {
                api.put(api.newName(), api.newHosts());
            }
            api.base = api.version;
            api.events.clear(); // a watch starts from the list, at base
            api.writeNames("initial.txt");
        }
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newCachedThreadPool()); // a thread per open watch
        server.createContext(PATH, api::serve);
        server.createContext("/bench/start", exchange -> {
            Map<String, String> query = query(exchange);
            reply(exchange, 200, "{}");
            new Thread(() -> api.churn(Double.parseDouble(query.get("rate")),
                    Double.parseDouble(query.get("seconds")))).start();
        });
        server.start();
        System.out.println("port=" + server.getAddress().getPort());
    }

    private String newName() {
        return "app-" + next++;
    }

    private List<String> newHosts() {
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h < hostsPerIngress; h++) {
            hosts.add(host());
        }
        return hosts;
    }

    private String host() {
        return "h" + version + "-" + random.nextInt(1_000_000) + ".bench.test";
    }

    /** Adds or replaces an Ingress, as an ADDED or MODIFIED event. */
    private void put(String name, List<String> hosts) {
        boolean added = ingresses.put(name, hosts) == null;
        if (added) {
            names.add(name);
        }
        record(added ? "ADDED" : "MODIFIED", name, hosts);
    }

    private void record(String type, String name, List<String> hosts) {
        version++;
        events.add("{\"type\":\"" + type + "\",\"object\":" + object(name, hosts, version) + "}\n");
        notifyAll();
    }

    private static String object(String name, List<String> hosts, long version) {
        StringBuilder rules = new StringBuilder();
        for (String host : hosts) {
            rules.append(rules.isEmpty() ? "" : ",").append("{\"host\":\"").append(host)
                    .append("\",\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":")
                    .append("{\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}");
        }
        return "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"namespace\":\"bench\","
                + "\"name\":\"" + name + "\",\"resourceVersion\":\"" + version + "\",\"labels\":{\"app\":\"" + name
                + "\"}},\"spec\":{\"ingressClassName\":\"nginx\",\"rules\":[" + rules + "]},\"status\":{"
                + "\"loadBalancer\":{\"ingress\":[{\"ip\":\"127.0.0.1\"}]}}}";
    }

    /** RATE changes a second for SECONDS, each on a fixed schedule, then one last add and the expected names. */
    private void churn(double rate, double seconds) {
        long total = Math.round(rate * seconds);
        int[] counts = new int[3];
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            synchronized (this) {
                int kind = names.isEmpty() ? 0 : random.nextInt(3);
                counts[kind]++;
                switch (kind) {
                    case 0 -> put(newName(), newHosts());
                    case 1 -> {
                        int at = random.nextInt(names.size());
                        String name = names.get(at);
                        names.set(at, names.get(names.size() - 1));
                        names.remove(names.size() - 1);
                        record("DELETED", name, ingresses.remove(name));
                    }
                    default -> {
                        String name = names.get(random.nextInt(names.size()));
                        List<String> hosts = new ArrayList<>(ingresses.get(name));
                        hosts.set(random.nextInt(hosts.size()), host());
                        put(name, hosts);
                    }
                }
            }
        }
        long lastMillis;
        int probes;
        synchronized (this) {
            put(newName(), newHosts());
            lastMillis = System.currentTimeMillis();
            probes = writeNames("expected.txt");
        }
        System.out.printf("changes=%d adds=%d deletes=%d renames=%d probes=%d last_ms=%d%n", total + 1, counts[0] + 1,
                counts[1], counts[2], probes, lastMillis);
    }

    /** Writes the names of the probes the Ingresses give now, sorted, to OUT/FILE; returns how many. */
    private synchronized int writeNames(String file) {
        TreeSet<String> names = new TreeSet<>();
        ingresses.forEach((name, hosts) -> hosts.forEach(h -> names.add("ingress/bench/" + name + "/" + h)));
        try {
            Files.write(out.resolve(file), names);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names.size();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange);
            System.err.println(java.time.Instant.now() + " " + exchange.getRequestURI()); // when the agent asked what
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"kind\":\"Status\",\"code\":401}");
            } else if ("1".equals(query.get("watch"))) {
                watch(exchange, Long.parseLong(query.get("resourceVersion")),
                        Long.parseLong(query.getOrDefault("timeoutSeconds", "300")));
            } else {
                list(exchange, Integer.parseInt(query.getOrDefault("limit", "500")), query.get("continue"));
            }
        }
    }

    /** A page of the list; the pages after the first come from the snapshot the first took, as etcd's do. */
    private void list(HttpExchange exchange, int limit, String continued) throws IOException {
        List<String> all;
        int from;
        String at;
        synchronized (this) {
            if (continued == null) {
                at = Long.toString(version);
                all = new ArrayList<>();
                ingresses.forEach((name, hosts) -> all.add(object(name, hosts, version)));
                snapshots.put(at, all);
                from = 0;
            } else {
                at = continued.substring(0, continued.indexOf(':'));
                all = snapshots.get(at);
                from = Integer.parseInt(continued.substring(continued.indexOf(':') + 1));
            }
        }
        int to = Math.min(all.size(), from + limit);
        String more = to < all.size() ? ",\"continue\":\"" + at + ":" + to + "\"" : "";
        reply(exchange, 200, "{\"kind\":\"IngressList\",\"apiVersion\":\"networking.k8s.io/v1\",\"metadata\":"
                + "{\"resourceVersion\":\"" + at + "\"" + more + "},\"items\":["
                + String.join(",", all.subList(from, to)) + "]}");
    }

    /** Streams every event after {@code from}, then each new one, a bookmark when quiet, until {@code seconds} pass. */
    private void watch(HttpExchange exchange, long from, long seconds) throws IOException {
        if (from < base) {
            reply(exchange, 410, "{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        long end = System.currentTimeMillis() + seconds * 1000;
        long sent = from;
        while (System.currentTimeMillis() < end) {
            List<String> batch;
            synchronized (this) {
                if (version == sent) {
                    try {
                        wait(Math.min(BOOKMARK_EVERY_MS, Math.max(1, end - System.currentTimeMillis())));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = version == sent ? List.of("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Ingress\","
                        + "\"metadata\":{\"resourceVersion\":\"" + version + "\"}}}\n")
                        : List.copyOf(events.subList((int) (sent - base), (int) (version - base)));
                sent = version;
            }
            for (String line : batch) {
                body.write(line.getBytes(StandardCharsets.UTF_8));
            }
            body.flush();
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return query;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }
}
