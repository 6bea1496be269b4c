package dev.vigil.agent;

import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.net.Causes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls the other agents of the fleet ({@code agent.peers}) for their {@code /api/v1/status} on a thread of its own,
 * one peer after the other (so one answer at most is held as bytes), each poll bounded in time ({@value
 * #TIMEOUT_SECONDS} s, body included) and bytes ({@value #MAX_BODY_BYTES} B), and keeps each peer's last good answer
 * with its time for the status pages, which read it without waiting. A peer's change between answering and not is
 * logged once, not every poll. A URL's user info is sent as basic authentication and shown nowhere.
 */
final class Peers implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");
    /** How often peers are polled. */
    static final Duration INTERVAL = Duration.ofSeconds(15);
    static final int TIMEOUT_SECONDS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    /** 10,000 probes answer about 3 MiB. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final String PATH = "/api/v1/status";

    private final Clock clock;
    private final Duration interval;
    /** The peers configured, by URL, in the config's order; replaced whole. */
    private volatile Map<URI, PeerView> peers = Map.of();
    /**
     * The client and the polling thread, made with the first peer: most agents have none, and a sidecar should not
     * pay a thread and an HTTP client's selector for nothing. Null before; both set together under this lock, before
     * the thread that reads {@code http} starts.
     */
    private HttpClient http;
    private Periodic polling;
    private boolean closed;

    Peers(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Follows a config applied: these peers, each keeping what was polled of it when it was one already. */
    synchronized void follow(List<URI> urls) {
        Map<URI, PeerView> next = new LinkedHashMap<>();
        urls.forEach(url -> next.put(url, peers.getOrDefault(url, PeerView.first(PeerView.shown(url)))));
        peers = next;
        if (!urls.isEmpty() && polling == null && !closed) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
            polling = Periodic.every(interval, "peers", this::pollAll);
        }
    }

    /** Each peer as polled last, in the config's order. */
    List<PeerView> views() {
        return List.copyOf(peers.values());
    }

    /**
     * How old an answer may be while no poll fails: two intervals and a whole round of polls that each take their
     * timeout.
     */
    Duration staleAfter() {
        return interval.multipliedBy(2).plus(TIMEOUT.multipliedBy(Math.max(1, peers.size())));
    }

    /** Polls each peer once, one after the other: the collector's thread does, every interval. */
    void pollAll() {
        for (URI url : List.copyOf(peers.keySet())) {
            PeerView before = peers.get(url);
            if (before == null) {
                continue;
            }
            PeerView after = poll(url, before);
            synchronized (this) {
                if (peers.containsKey(url)) {
                    Map<URI, PeerView> next = new LinkedHashMap<>(peers);
                    next.put(url, after);
                    peers = next;
                }
            }
            logChange(before, after);
        }
    }

    private PeerView poll(URI url, PeerView before) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(before.shown() + PATH)).timeout(TIMEOUT)
                .header("Accept", "application/json").header("User-Agent", "Vigil");
        if (url.getRawUserInfo() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture<HttpResponse<BoundedBody>> answer = http.sendAsync(request.build(),
                info -> new BoundedBodySubscriber(MAX_BODY_BYTES));
        try {
            HttpResponse<BoundedBody> response = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return before.failed("answered HTTP " + response.statusCode());
            }
            if (response.body().truncated()) {
                return before.failed("the answer is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
            }
            return before.answered(PeerAnswer.read(response.body().bytes(), before.shown()), clock.instant());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return before.failed("no whole answer within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return before.failed(reason(e.getCause()));
        } catch (PeerAnswer.Refused e) {
            return before.failed(e.getMessage());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return before;
        }
    }

    /** A transport failure in a few words; the request's URL holds no user info, so neither does its message. */
    private static String reason(Throwable error) {
        if (Causes.has(error, ConnectException.class)) {
            return "connection refused";
        }
        String message = Causes.innermostMessage(error);
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static void logChange(PeerView before, PeerView after) {
        boolean wasUp = before.last() != null && before.failure() == null;
        boolean isUp = after.failure() == null && after.last() != null;
        if (isUp && !wasUp) {
            int probes = after.last().rows().size();
            LOG.log(Level.INFO, "peer " + after.shown() + " answers: agent '" + after.last().where().agent() + "', "
                    + probes + (probes == 1 ? " probe" : " probes"));
        } else if (!isUp && (wasUp || before.failure() == null)) {
            LOG.log(Level.WARNING, "peer " + after.shown() + " does not answer: " + after.failure());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (polling != null) {
            polling.close();
            http.shutdownNow();
        }
    }
}
