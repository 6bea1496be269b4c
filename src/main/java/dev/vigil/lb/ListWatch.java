package dev.vigil.lb;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Follows one {@link WatchedCollection} the way Kubernetes controllers do: list it (in pages), then watch from the
 * list's {@code resourceVersion} with bookmarks, resuming each new watch where the last ended; a {@code 410 Gone}
 * (as an answer or as an ERROR event) means the version is too old, and the collection is listed anew. Errors are
 * reported and retried after a back-off that doubles up to a cap. A broken watch never takes an object away: only a
 * list says what is gone, by {@link Sink#listed replacing} the whole set.
 *
 * <p>Everything read is bounded: each list page and event in bytes, the list in objects, each request in time. The
 * token is read anew on each request. Owns HTTP clients, released by {@link #close()}.
 */
public final class ListWatch implements AutoCloseable {
    /** What a watch event does to an object. */
    public enum Change {
        ADDED, MODIFIED, DELETED
    }

    /** Where the objects go; called on the thread that runs {@link #run}, or on the HTTP client's for changes. */
    public interface Sink {
        /** The collection is now exactly {@code objects}: any other object is gone. */
        void listed(List<JsonNode> objects);

        /** One object changed. */
        void changed(Change change, JsonNode object);

        /** Listing or watching failed; it is tried again after {@code retryIn}, and nothing was removed. */
        void failed(LbLookupException error, Duration retryIn);

        /** The watch carried a bookmark: nothing changed, and the API server is read again. */
        default void bookmarked() {
        }
    }

    /** Waits between attempts: real time in the agent, nothing (or a record of the wait) in tests. */
    @FunctionalInterface
    public interface Pause {
        Pause REAL = Thread::sleep;

        void pause(Duration duration) throws InterruptedException;
    }

    /**
     * The bounds of a list and watch.
     *
     * @param maxObjects     the most objects a list may hold
     * @param maxPageBytes   the most bytes of one list page
     * @param maxEventBytes  the most bytes of one watch event (one line)
     * @param requestTimeout the most one list page may take, and a watch's wait for its answer to begin
     * @param watchTimeout   how long the server keeps one watch open ({@code timeoutSeconds}); the client gives up
     *                       on it {@code requestTimeout} later
     * @param firstBackoff   the wait after the first failure in a row, doubling with each further one
     * @param maxBackoff     the longest wait
     */
    public record Limits(int maxObjects, long maxPageBytes, int maxEventBytes, Duration requestTimeout,
            Duration watchTimeout, Duration firstBackoff, Duration maxBackoff) {
        /** Objects per list page asked for; the API server may send fewer. */
        static final int PAGE = 500;
        /** Far above any real cluster's routes, far below the heap: a route object is a few KiB. */
        public static final Limits DEFAULT = new Limits(20_000, 16 << 20, 1 << 20, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(2));

        public Limits {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(watchTimeout, "watchTimeout");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (maxObjects < 1 || maxPageBytes < 1 || maxEventBytes < 1 || watchTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("list and watch limits must be positive");
            }
        }

        /** The wait after failure number {@code failures} in a row (1 for the first). */
        Duration backoff(int failures) {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(failures - 1, 30));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * A whole list.
     *
     * @param objects         the objects, in the API server's order
     * @param resourceVersion where a watch of the changes since starts
     */
    public record Listing(List<JsonNode> objects, String resourceVersion) {
        public Listing {
            objects = List.copyOf(objects);
            Objects.requireNonNull(resourceVersion, "resourceVersion");
        }
    }

    private final WatchedCollection collection;
    private final Limits limits;
    private final Function<String, String> env;
    private final Path serviceAccountDir;
    private final Pause pause;
    private final ApiClient api = new ApiClient();

    /**
     * @param env               looks up environment variables ({@code KUBERNETES_SERVICE_HOST} and {@code _PORT})
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    public ListWatch(WatchedCollection collection, Limits limits, Function<String, String> env,
            Path serviceAccountDir, Pause pause) {
        this.collection = Objects.requireNonNull(collection, "collection");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.env = Objects.requireNonNull(env, "env");
        this.serviceAccountDir = Objects.requireNonNull(serviceAccountDir, "serviceAccountDir");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** Lists the collection whole, page by page. */
    public Listing list() throws LbLookupException {
        List<JsonNode> objects = new ArrayList<>();
        String next = null;
        do {
            ApiTarget target = target("list", "limit=" + Limits.PAGE
                    + (next == null ? "" : "&continue=" + encode(next)));
            JsonNode page = api.get(target, limits.maxPageBytes(), limits.requestTimeout(),
                    (status, body) -> ApiAnswer.ok(target, status, body, limits.maxPageBytes()));
            for (JsonNode object : page.path("items")) {
                if (objects.size() == limits.maxObjects()) {
                    throw new LbLookupException(collection.subject() + " holds more than " + limits.maxObjects()
                            + " objects; narrow " + collection.settings() + " with namespaces or a label selector");
                }
                objects.add(object);
            }
            String version = ApiAnswer.text(page.path("metadata"), "resourceVersion");
            next = ApiAnswer.text(page.path("metadata"), "continue");
            if (next == null) {
                if (version == null) {
                    throw new LbLookupException("the list of " + collection.subject()
                            + " has no metadata.resourceVersion to watch from");
                }
                return new Listing(objects, version);
            }
        } while (true);
    }

    /**
     * Lists and watches until the thread is interrupted (or this is closed), telling {@code sink} what the collection
     * holds. Returns normally on interruption, with the thread's interrupt flag set.
     */
    public void run(Sink sink) {
        Progress progress = new Progress();
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Duration wait;
            try {
                if (progress.version == null) {
                    Listing listing = list();
                    sink.listed(listing.objects());
                    progress.version = listing.resourceVersion();
                }
                int lines = watch(progress, sink);
                failures = 0;
                // A watch the server ends at once, again and again, must not spin: pause a little after an empty one.
                wait = progress.version != null && lines == 0 ? limits.firstBackoff() : Duration.ZERO;
            } catch (LbLookupException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                wait = limits.backoff(++failures);
                sink.failed(e, wait);
            }
            if (!wait.isZero() && !paused(wait)) {
                return;
            }
        }
    }

    private boolean paused(Duration wait) {
        try {
            pause.pause(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Where the next watch starts: the version of the last event or bookmark seen, kept when a watch breaks in the
     * middle (the events before the break were applied, and resuming before them would replay them); null when the
     * version is gone and a list must come first. Written on the HTTP client's thread as events arrive.
     */
    private static final class Progress {
        volatile String version;
    }

    /** Watches from {@code progress}, advancing it with each event; returns how many lines the watch carried. */
    private int watch(Progress progress, Sink sink) throws LbLookupException {
        ApiTarget target = target("watch", "watch=1&allowWatchBookmarks=true&resourceVersion="
                + encode(progress.version) + "&timeoutSeconds=" + limits.watchTimeout().toSeconds());
        int[] lines = {0};
        api.watch(target, limits.requestTimeout(), limits.watchTimeout().plus(limits.requestTimeout()),
                limits.maxEventBytes(), line -> {
            lines[0]++;
            switch (WatchEvent.parse(target, line)) {
                case WatchEvent.Changed changed -> {
                    sink.changed(changed.change(), changed.object());
                    progress.version = changed.resourceVersion();
                }
                case WatchEvent.Bookmark bookmark -> {
                    sink.bookmarked();
                    progress.version = bookmark.resourceVersion();
                }
                case WatchEvent.Failed failed when failed.code() == 410 -> progress.version = null;
                case WatchEvent.Failed failed -> throw new LbLookupException("the watch on " + target.subject()
                        + " failed (" + failed.code() + "): " + failed.message());
            }
            return progress.version != null;
        }, limits.maxEventBytes(), (status, body) -> {
            if (status == 410) {
                progress.version = null;
                return null;
            }
            ApiAnswer.ok(target, status, body, limits.maxEventBytes());
            return null;
        });
        return lines[0];
    }

    private ApiTarget target(String verb, String query) throws LbLookupException {
        String selector = collection.labelSelector() == null ? "" : "&labelSelector=" + encode(collection.labelSelector());
        return ApiTarget.resolve(collection, verb, query + selector, env, serviceAccountDir);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        api.close();
    }
}
