package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoveryConfig;
import dev.vigil.config.DiscoverySource;
import dev.vigil.lb.ApiResource;
import dev.vigil.lb.LbIngress;
import dev.vigil.lb.LbLookupException;
import dev.vigil.lb.ListWatch;
import dev.vigil.lb.WatchedCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Follows what the sources of a {@code discovery} section name: for each source its route objects in each of its
 * namespaces (or all), and what their addresses come from (an HTTPRoute's Gateways, an IngressRoute's Traefik
 * Service), each collection listed and watched by a {@link ListWatch} into an {@link ObjectStore}. {@link #current()}
 * decides the probes from what the stores hold now; {@link #listOnce()} lists each collection once instead, for a
 * dry run. Owns HTTP clients and, once started, one virtual thread per collection; {@link #close()} ends both.
 */
public final class Discoverer implements AutoCloseable {
    /** What a watched collection holds for its source. */
    private enum Role {
        ROUTES, GATEWAYS, SERVICE
    }

    private record Watched(DiscoverySource source, Role role, WatchedCollection collection, ListWatch watch,
            ObjectStore store) {
    }

    /** How long {@link #close()} waits for each watching thread to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** A route of a source, as the memo of made probes keys it. */
    private record Made(DiscoverySource source, Route route) {
    }

    private final DiscoveryConfig config;
    /**
     * The probe each route of each source gave at the last {@link #current()}: a change of one object then costs the
     * making of its own probes only, not of every probe again. Guarded by this.
     */
    private Map<Made, Discovery.Outcome> made = new HashMap<>();
    private final List<Watched> watched = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param env               looks up environment variables ({@code KUBERNETES_SERVICE_HOST} and {@code _PORT})
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     * @param onChange          runs after each change of any collection, on the thread that saw it
     */
    public Discoverer(DiscoveryConfig config, ListWatch.Limits limits, Function<String, String> env,
            Path serviceAccountDir, ListWatch.Pause pause, Runnable onChange) {
        this.config = config;
        for (DiscoverySource source : config.sources()) {
            // A null namespace stands for all of them.
            List<String> namespaces = source.namespaces().isEmpty() ? Collections.singletonList(null)
                    : source.namespaces();
            for (String namespace : namespaces) {
                add(source, Role.ROUTES, resource(source.kind()), namespace, source.labelSelector(), limits, env,
                        serviceAccountDir, pause, onChange);
                if (source.kind() == DiscoverySource.Kind.HTTP_ROUTE) {
                    add(source, Role.GATEWAYS, ApiResource.GATEWAYS, namespace, null, limits, env, serviceAccountDir,
                            pause, onChange);
                }
            }
            if (source.loadBalancer() != null) {
                add(source, Role.SERVICE, ApiResource.SERVICES, source.loadBalancer().namespace(), null, limits, env,
                        serviceAccountDir, pause, onChange);
            }
        }
    }

    private void add(DiscoverySource source, Role role, ApiResource resource, String namespace, String selector,
            ListWatch.Limits limits, Function<String, String> env, Path serviceAccountDir, ListWatch.Pause pause,
            Runnable onChange) {
        WatchedCollection collection = new WatchedCollection(resource, namespace, selector,
                source.at().substring(2), config.apiUrl(), config.tokenFile(), config.caFile());
        watched.add(new Watched(source, role, collection, new ListWatch(collection, limits, env, serviceAccountDir, pause),
                new ObjectStore(collection.subject(), limits.maxObjects(), onChange)));
    }

    /** The API resource each kind of source is read from. */
    static ApiResource resource(DiscoverySource.Kind kind) {
        return switch (kind) {
            case INGRESS -> ApiResource.INGRESSES;
            case HTTP_ROUTE -> ApiResource.HTTP_ROUTES;
            case INGRESS_ROUTE -> ApiResource.INGRESS_ROUTES;
        };
    }

    /** The collections read, each with the {@code list} and {@code watch} a Role must grant on it. */
    List<WatchedCollection> collections() {
        return watched.stream().map(Watched::collection).toList();
    }

    /** Lists every collection once and decides the probes; the first failure is thrown, naming its collection. */
    public Discovery.Result listOnce() throws LbLookupException {
        for (Watched w : watched) {
            w.store().listed(w.watch().list().objects());
        }
        return current();
    }

    /** Starts listing and watching every collection, each on a virtual thread of its own, until {@link #close()}. */
    public synchronized void start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("discovery is already started");
        }
        for (Watched w : watched) {
            threads.add(Thread.ofVirtual().name("vigil-discovery-" + threads.size())
                    .start(() -> w.watch().run(w.store())));
        }
    }

    /**
     * True once every collection has been listed: before, {@link #current()} would take a collection not listed yet
     * for an empty one, and its probes for gone.
     */
    public boolean listed() {
        return watched.stream().allMatch(w -> w.store().listed());
    }

    /**
     * How many collections cannot be read now: their last list or watch failed (it is retried), and the probes they
     * gave stay as they were.
     */
    public int failing() {
        return (int) watched.stream().filter(w -> w.store().failing()).count();
    }

    /** The probes the stores' objects give now; a collection not listed yet contributes nothing. */
    public Discovery.Result current() {
        List<Discovery.Sourced> sourced = new ArrayList<>();
        for (DiscoverySource source : config.sources()) {
            Map<String, JsonNode> gateways = new HashMap<>();
            List<LbIngress> loadBalancer = new ArrayList<>();
            List<JsonNode> routes = new ArrayList<>();
            for (Watched w : watched) {
                if (w.source() != source) {
                    continue;
                }
                switch (w.role()) {
                    case ROUTES -> routes.addAll(w.store().objects());
                    case GATEWAYS -> w.store().objects().forEach(g -> gateways.put(key(g), g));
                    case SERVICE -> w.store().objects().stream()
                            .filter(s -> s.path("metadata").path("name").asText("").equals(source.loadBalancer().name()))
                            .forEach(s -> loadBalancer.addAll(Hosts.loadBalancer(s.path("status"))));
                }
            }
            Found found = Found.NOTHING;
            for (JsonNode route : routes) {
                found = found.and(switch (source.kind()) {
                    case INGRESS -> IngressReader.read(route);
                    case HTTP_ROUTE -> HttpRouteReader.read(route, gateways);
                    case INGRESS_ROUTE -> TraefikRouteReader.read(route, loadBalancer);
                });
            }
            sourced.add(new Discovery.Sourced(source, found));
        }
        synchronized (this) {
            Map<Made, Discovery.Outcome> before = made;
            Map<Made, Discovery.Outcome> now = new HashMap<>();
            Discovery.Result result = Discovery.decide(sourced, (source, route) -> now.computeIfAbsent(
                    new Made(source, route), key -> {
                        Discovery.Outcome known = before.get(key);
                        return known != null ? known : Discovery.probe(source.template(), route);
                    }));
            made = now; // what no route asked for any more is forgotten
            return result;
        }
    }

    private static String key(JsonNode object) {
        return object.path("metadata").path("namespace").asText("") + "/" + object.path("metadata").path("name").asText("");
    }

    @Override
    public void close() {
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        started.forEach(Thread::interrupt);
        watched.forEach(w -> w.watch().close());
        for (Thread thread : started) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
