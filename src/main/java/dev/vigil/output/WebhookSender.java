package dev.vigil.output;

import dev.vigil.alert.Notification;
import dev.vigil.net.BoundedBodySubscriber;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * POSTs a notification rendered as JSON to a route's secret URL, once, and classifies the answer: 2xx is delivered;
 * 429 (with its {@code Retry-After} seconds), 408, 5xx, timeouts and connection failures may succeed later; any
 * other status is dropped. The whole answer, body included, must come within the client's timeout plus a second. Reasons name the status and the start of the body (Slack's error code), and never the URL:
 * exception messages are {@linkplain Redaction#scrub scrubbed}. Thread-safe.
 */
public final class WebhookSender implements Delivery {
    private static final int BODY_BYTES = 4096;
    private static final int EXCERPT_CHARS = 200;
    /** How much longer than the client's timeout the whole answer, body included, may take. */
    private static final Duration BODY_GRACE = Duration.ofSeconds(1);

    private final String name;
    private final Secret url;
    private final WebhookClient client;
    private final Function<Notification, String> render;
    private final UnaryOperator<String> explain;

    /**
     * @param kind    the kind of route, for {@link #name()}: {@code slack}, {@code webhook} or {@code alertmanager}
     * @param render  the request body for a notification, JSON
     * @param explain turns the start of an error answer's body into the reason logged, e.g. adds what a Slack error
     *                code means; the identity when there is nothing to add
     */
    public WebhookSender(String kind, Route route, WebhookClient client, Function<Notification, String> render,
            UnaryOperator<String> explain) {
        this.name = kind + " route '" + route.name() + "'";
        this.url = route.url();
        this.client = Objects.requireNonNull(client, "client");
        this.render = Objects.requireNonNull(render, "render");
        this.explain = Objects.requireNonNull(explain, "explain");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome send(Notification notification) throws InterruptedException {
        return post(render.apply(notification));
    }

    /** The URL as logs may show it: {@code scheme://host[:port]/***}, without credentials. */
    public String where() {
        return Redaction.url(url.reveal());
    }

    /**
     * POSTs {@code json} once and classifies the answer, as {@link #send} does for a rendered notification: for kinds
     * that also send bodies of their own, such as a batch of alerts. Credentials in the URL ({@code user:password@})
     * go as a {@code Basic} {@code Authorization} header, which java.net.http would not send by itself.
     *
     * @throws InterruptedException when the sending thread is interrupted
     */
    public Outcome post(String json) throws InterruptedException {
        HttpRequest request;
        try {
            URI uri = URI.create(url.reveal());
            HttpRequest.Builder builder = HttpRequest.newBuilder(withoutUserInfo(uri))
                    .timeout(client.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", client.userAgent())
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (uri.getRawUserInfo() != null) {
                builder.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return Outcome.dropped("the URL is not a valid http(s) URL");
        }
        // The client's timeout ends the wait for the headers only; a receiver trickling its body would hold the
        // route's queue for as long as it likes without this bound on the whole answer.
        CompletableFuture<HttpResponse<byte[]>> answer = client.http().sendAsync(request,
                info -> HttpResponse.BodySubscribers.mapping(new BoundedBodySubscriber(BODY_BYTES), b -> b.bytes()));
        Duration whole = client.timeout().plus(BODY_GRACE);
        try {
            return classify(answer.get(whole.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Outcome.retryLater("no complete answer within " + whole.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return failed(e.getCause());
        }
    }

    /** {@code uri} without its {@code user:password@}, which must not travel in the request line. */
    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + Objects.requireNonNullElse(uri.getRawPath(), "")
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private Outcome failed(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException e -> Outcome.retryLater("no connection within "
                    + client.timeout().toMillis() + " ms", null);
            case HttpTimeoutException e -> Outcome.retryLater("no answer within " + client.timeout().toMillis()
                    + " ms", null);
            case ConnectException e -> Outcome.retryLater("cannot connect", null);
            case IOException e -> Outcome.retryLater(e.getClass().getSimpleName() + ": " + scrub(e.getMessage()), null);
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(cause.getClass().getSimpleName());
        };
    }

    private Outcome classify(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.delivered();
        }
        String body = excerpt(response.body());
        String reason = "HTTP " + status + (body.isEmpty() ? "" : " " + explain.apply(body));
        if (status == 429) {
            return Outcome.retryLater(reason, retryAfter(response));
        }
        return status == 408 || status >= 500 ? Outcome.retryLater(reason, null) : Outcome.dropped(reason);
    }

    /** The answer's {@code Retry-After} in seconds; null when absent or not a number of seconds. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.trim().matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())))
                .orElse(null);
    }

    /** The body's first characters on one line, without the URL. */
    private String excerpt(byte[] body) {
        String text = scrub(new String(body, StandardCharsets.UTF_8)).strip().replaceAll("\\s+", " ");
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
    }

    private String scrub(String text) {
        return Redaction.scrub(text, url.reveal());
    }
}
