package dev.vigil.output;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The one place where routes get their deliveries, for the agent ({@link #start}) and for {@code vigil notify-test}
 * ({@link #open}): one HTTP client with one policy for every kind, and each route's delivery built by its own
 * {@link RouteConfig}. Closing shuts the client down, so the caller closes it after the route queues.
 */
public final class Deliveries implements AutoCloseable {
    /** The most one attempt waits to connect, and then for the answer's headers. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A route and its kind's delivery.
     *
     * @param route    the route's name, URL and filters
     * @param delivery sends to it, one attempt per call
     */
    public record Opened(Route route, Delivery delivery) {
        public Opened {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(delivery, "delivery");
        }
    }

    private final HttpClient http;
    private final List<Opened> opened;
    private final List<Thread> resenders = new ArrayList<>();

    private Deliveries(List<? extends RouteConfig> routes, SSLContext tls, String userAgent) {
        this.http = http(tls);
        WebhookClient client = new WebhookClient(http, SEND_TIMEOUT, userAgent);
        this.opened = routes.stream().map(route -> new Opened(route.route(), route.delivery(client))).toList();
    }

    /**
     * The deliveries of {@code routes}, in their order, without any cadence of their own: for one attempt each, as
     * {@code vigil notify-test} makes.
     *
     * @param tls the TLS context webhook requests trust
     */
    public static Deliveries open(List<? extends RouteConfig> routes, SSLContext tls, String userAgent) {
        return new Deliveries(routes, tls, userAgent);
    }

    /**
     * The agent's deliveries of {@code routes}, in their order, trusting the JDK's default TLS context; each
     * {@link Resending} one re-sends on its cadence until {@link #close()}.
     */
    public static Deliveries start(List<? extends RouteConfig> routes, String userAgent) {
        return start(routes, defaultTls(), userAgent, Sleeper.REAL);
    }

    /** {@link #start(List, String)} with the given TLS context and waits, for tests. */
    static Deliveries start(List<? extends RouteConfig> routes, SSLContext tls, String userAgent, Sleeper sleeper) {
        Deliveries deliveries = new Deliveries(routes, tls, userAgent);
        for (Opened route : deliveries.opened) {
            if (route.delivery() instanceof Resending resending) {
                deliveries.resenders.add(Thread.ofVirtual().name("vigil-resend-" + route.delivery().name())
                        .start(() -> resendEvery(resending, sleeper)));
            }
        }
        return deliveries;
    }

    /** Each route with its delivery, in the order given. */
    public List<Opened> opened() {
        return opened;
    }

    /** Stops the re-sending, waiting for a running re-send to end, and shuts the HTTP client down. */
    @Override
    public void close() {
        resenders.forEach(Thread::interrupt);
        boolean interrupted = false;
        for (Thread resender : resenders) {
            while (resender.isAlive()) {
                try {
                    resender.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        http.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void resendEvery(Resending resending, Sleeper sleeper) {
        try {
            while (true) {
                sleeper.sleep(resending.resendInterval());
                resending.resendFiring();
            }
        } catch (InterruptedException e) {
            // closed: the next interval never comes
        }
    }

    /**
     * The client every kind sends through. A webhook answering 3xx is misconfigured, and following it would carry
     * the secret path to another host; a receiver that does not accept a connection must not hold its route longer
     * than an answer may take.
     */
    private static HttpClient http(SSLContext tls) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(SEND_TIMEOUT)
                .sslContext(tls).build();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }
}
