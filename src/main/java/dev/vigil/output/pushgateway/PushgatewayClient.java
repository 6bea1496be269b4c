package dev.vigil.output.pushgateway;

import static dev.vigil.net.Causes.find;
import static dev.vigil.net.Causes.has;
import static dev.vigil.net.Causes.innermostMessage;

import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.time.Durations;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pushes the agent's page to a Pushgateway group ({@code PUT}, replacing every metric of the group) and deletes the
 * group ({@code DELETE}). The group's URL comes from the settings' job and grouping labels (see {@link GroupUri}); page
 * labels named like them are sent as {@code exported_<name>} (see {@link ExportedLabels}).
 *
 * <p>Each request, body upload included, ends within the settings' timeout. The {@code Authorization} value is sent,
 * never put in a message. Thread-safe; owns an {@link HttpClient}, released by {@link #close()}.
 */
public final class PushgatewayClient implements AutoCloseable {
    /** The Prometheus text format, as {@code /metrics} serves it. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** The most of an error answer read; the Pushgateway's are one line. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int EXCERPT_CHARS = 300;

    private final HttpClient http = HttpClient.newHttpClient();
    private final PushgatewaySettings settings;
    private final URI group;
    private final Set<String> reserved = new HashSet<>();

    public PushgatewayClient(PushgatewaySettings settings) {
        this.settings = settings;
        this.group = GroupUri.of(settings.url(), settings.job(), settings.grouping());
        reserved.add("job");
        reserved.addAll(settings.grouping().keySet());
    }

    /** The group's URL, e.g. {@code http://pushgateway:9091/metrics/job/vigil/instance/host1}. */
    public URI groupUri() {
        return group;
    }

    /** Renders {@code page} now and makes it the group's whole content. */
    public void push(PageWriter page) throws PushException {
        List<byte[]> body = render(page);
        long length = body.stream().mapToLong(chunk -> chunk.length).sum();
        // With its length known the body goes in one request, as a Pushgateway (and an h2c upgrade) expects.
        HttpRequest.Builder request = HttpRequest.newBuilder(group)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(body), length))
                .header("Content-Type", TEXT_FORMAT);
        if (settings.compression() == Compression.GZIP) {
            request.header("Content-Encoding", "gzip");
        }
        send("push", request);
    }

    /** Removes the group and every metric in it. */
    public void delete() throws PushException {
        send("delete", HttpRequest.newBuilder(group).DELETE());
    }

    /**
     * The body: the page streamed through the label renaming and the compression into chunks, so that it is never
     * held whole and uncompressed (at 10,000 probes it is some 30 MB, half the agent's heap).
     */
    private List<byte[]> render(PageWriter page) throws PushException {
        Chunks body = new Chunks();
        try (OutputStream out = ExportedLabels.renaming(encoded(body), reserved)) {
            page.writeTo(out);
        } catch (IOException | RuntimeException e) {
            throw new PushException("could not render the page to push to " + where() + ": " + e, e);
        }
        return body.chunks();
    }

    private OutputStream encoded(OutputStream body) throws IOException {
        return switch (settings.compression()) {
            case GZIP -> new FastGzip(body);
            case NONE -> body;
        };
    }

    private void send(String action, HttpRequest.Builder request) throws PushException {
        if (settings.authorization() != null) {
            request.header("Authorization", settings.authorization().reveal());
        }
        CompletableFuture<HttpResponse<BoundedBody>> future =
                http.sendAsync(request.build(), info -> new BoundedBodySubscriber(MAX_ANSWER_BYTES));
        HttpResponse<BoundedBody> response;
        try {
            response = future.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PushException(where() + " did not answer within " + Durations.format(settings.timeout()), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PushException("the " + action + " to " + where() + " was interrupted", e);
        } catch (ExecutionException e) {
            throw unreachable(action, e.getCause());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String verdict = status == 400 ? " rejected the " + action + " (400)" : " answered " + status + " to the "
                    + action;
            throw new PushException(where() + verdict + excerpt(response.body()));
        }
    }

    private String where() {
        return "Pushgateway at " + settings.url();
    }

    private PushException unreachable(String action, Throwable error) {
        if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            return new PushException("could not connect to " + where() + ": cannot resolve " + settings.url().getHost(),
                    error);
        }
        ConnectException connect = find(error, ConnectException.class);
        if (connect != null) {
            // java.net.http reports a refused connection as a ConnectException without a message.
            String reason = connect.getMessage() == null ? "connection refused" : connect.getMessage();
            return new PushException("could not connect to " + where() + ": " + reason, error);
        }
        return new PushException("the " + action + " to " + where() + " failed: " + innermostMessage(error), error);
    }

    /** The start of the answer's text, on one line; nothing for an empty answer. */
    private static String excerpt(BoundedBody body) {
        String text = new String(body.bytes(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
