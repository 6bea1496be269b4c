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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * @param needed whether the probes wait for its first list ({@link #listed()}); false for the Gateways of a
     *               namespace only a route's {@code parentRefs} names, followed once a route names it: until they
     *               are listed, or when they cannot be, the route is probed without expected addresses
     */
    private record Watched(DiscoverySource source, Role role, WatchedCollection collection, ListWatch watch,
            ObjectStore store, boolean needed) {
    }

    /**
     * The most namespaces whose Gateways one source reads, its own and those its routes' {@code parentRefs} name:
     * each is a watch, and routes are read from outside.
     */
    static final int MAX_PARENT_NAMESPACES = 50;

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
    /** Grows when a route names a Gateway in a namespace not yet followed; read by several threads. */
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private final List<Thread> threads = new ArrayList<>();
    private boolean started;
    private boolean closed;
    private final ListWatch.Limits limits;
    private final Function<String, String> env;
    private final Path serviceAccountDir;
    private final ListWatch.Pause pause;
    private final Runnable onChange;

    /**
     * @param env               looks up environment variables ({@code KUBERNETES_SERVICE_HOST} and {@code _PORT})
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     * @param onChange          runs after each change of any collection, on the thread that saw it
     */
    public Discoverer(DiscoveryConfig config, ListWatch.Limits limits, Function<String, String> env,
            Path serviceAccountDir, ListWatch.Pause pause, Runnable onChange) {
        this.config = config;
        this.limits = limits;
        this.env = env;
        this.serviceAccountDir = serviceAccountDir;
        this.pause = pause;
        this.onChange = onChange;
        for (DiscoverySource source : config.sources()) {
            // A null namespace stands for all of them.
            List<String> namespaces = source.namespaces().isEmpty() ? Collections.singletonList(null)
                    : source.namespaces();
            for (String namespace : namespaces) {
                add(source, Role.ROUTES, resource(source.kind()), namespace, source.labelSelector(), true);
                if (source.kind() == DiscoverySource.Kind.HTTP_ROUTE) {
                    add(source, Role.GATEWAYS, ApiResource.GATEWAYS, namespace, null, true);
                }
            }
            if (source.loadBalancer() != null) {
                add(source, Role.SERVICE, ApiResource.SERVICES, source.loadBalancer().namespace(), null, true);
            }
        }
    }

    private Watched add(DiscoverySource source, Role role, ApiResource resource, String namespace, String selector,
            boolean needed) {
        WatchedCollection collection = new WatchedCollection(resource, namespace, selector,
                source.at().substring(2), config.apiUrl(), config.tokenFile(), config.caFile());
        Watched added = new Watched(source, role, collection,
                new ListWatch(collection, limits, env, serviceAccountDir, pause),
                new ObjectStore(collection.subject(), limits.maxObjects(), onChange), needed);
        watched.add(added);
        return added;
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

    /**
     * Lists every collection once and decides the probes; the first failure is thrown, naming its collection. The
     * Gateways of namespaces the routes' {@code parentRefs} name are listed too, once the routes are.
     */
    public Discovery.Result listOnce() throws LbLookupException {
        while (true) {
            List<Watched> unlisted = watched.stream().filter(w -> !w.store().listed()).toList();
            if (unlisted.isEmpty()) {
                return current();
            }
            for (Watched w : unlisted) {
                w.store().listed(w.watch().list().objects());
            }
            followParentGateways();
        }
    }

    /** Starts listing and watching every collection, each on a virtual thread of its own, until {@link #close()}. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("discovery is already started");
        }
        started = true;
        watched.forEach(this::startWatching);
    }

    /** Guarded by this. */
    private void startWatching(Watched w) {
        threads.add(Thread.ofVirtual().name("vigil-discovery-" + threads.size())
                .start(() -> w.watch().run(w.store())));
    }

    /**
     * Follows the Gateways of each namespace a route's {@code parentRefs} names that its source does not read already
     * (a source with {@code namespaces} reads Gateways in those only; one without reads all): a Gateway shared from an
     * infrastructure namespace is the common case. Such a collection never holds the probes back.
     */
    private synchronized void followParentGateways() {
        if (closed) {
            return;
        }
        for (DiscoverySource source : config.sources()) {
            if (source.kind() != DiscoverySource.Kind.HTTP_ROUTE || source.namespaces().isEmpty()) {
                continue;
            }
            Set<String> followed = new HashSet<>();
            Set<String> named = new TreeSet<>();
            for (Watched w : watched) {
                if (w.source() != source) {
                    continue;
                }
                if (w.role() == Role.GATEWAYS) {
                    followed.add(w.collection().namespace());
                } else if (w.role() == Role.ROUTES) {
                    w.store().objects().forEach(route -> named.addAll(HttpRouteReader.gatewayNamespaces(route)));
                }
            }
            named.removeAll(followed);
            for (String namespace : named.stream().limit(Math.max(0, MAX_PARENT_NAMESPACES - followed.size())).toList()) {
                Watched added = add(source, Role.GATEWAYS, ApiResource.GATEWAYS, namespace, null, false);
                if (started) {
                    startWatching(added);
                }
            }
        }
    }

    /**
     * True once every collection has been listed: before, {@link #current()} would take a collection not listed yet
     * for an empty one, and its probes for gone.
     */
    public boolean listed() {
        return watched.stream().allMatch(w -> !w.needed() || w.store().listed());
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
        followParentGateways();
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

    /**
     * The load balancers the stores hold now, by {@link Balancers} name: each Ingress of an {@code ingress} source,
     * each Gateway, and each source's Traefik Service, with the addresses its status gives.
     */
    public Map<String, List<LbIngress>> balancers() {
        Balancers balancers = new Balancers();
        for (Watched w : watched) {
            switch (w.role()) {
                case ROUTES -> {
                    if (w.source().kind() == DiscoverySource.Kind.INGRESS) {
                        w.store().objects().forEach(balancers::ingress);
                    }
                }
                case GATEWAYS -> w.store().objects().forEach(balancers::gateway);
                case SERVICE -> w.store().objects().forEach(s -> balancers.service(s, w.source().loadBalancer()));
            }
        }
        return balancers.all();
    }

    private static String key(JsonNode object) {
        return object.path("metadata").path("namespace").asText("") + "/" + object.path("metadata").path("name").asText("");
    }

    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(threads);
        }
        running.forEach(Thread::interrupt);
        watched.forEach(w -> w.watch().close());
        for (Thread thread : running) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
