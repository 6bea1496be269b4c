package dev.vigil.cert.ct;

import static dev.vigil.net.Causes.find;
import static dev.vigil.net.Causes.has;
import static dev.vigil.net.Causes.innermostMessage;

import dev.vigil.cert.CtLookup;
import dev.vigil.cert.CtSettings;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.time.Durations;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * Asks crt.sh's JSON API ({@code GET <base>?q=NAME&output=json}) which certificates Certificate Transparency logs
 * hold for one exact set of names, so re-issues that no handshake ever saw still count against a CA's limits.
 * Certificates of every CA are counted: the answer does not say which CA's limit applies.
 *
 * <p>One query, body included, ends by its timeout, and the body is capped at {@link #MAX_BODY_BYTES}. Thread-safe;
 * owns an {@link HttpClient}, released by {@link #close()}.
 */
public final class CrtShClient implements CtLookup, AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.cert");
    /** The largest answer read; crt.sh answers for a busy name are a few hundred KiB. */
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    private static final int EXCERPT_CHARS = 200;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String userAgent;

    /** @param userAgent sent as {@code User-Agent}, e.g. {@code vigil/0.1.0} */
    public CrtShClient(String userAgent) {
        this.userAgent = userAgent;
    }

    /** {@inheritDoc} Entries crt.sh lists but that cannot be read are left out, with one warning line. */
    @Override
    public List<Issuance> issuances(CtSettings settings, List<String> names) throws CtQueryException {
        CtAnswer answer = lookup(settings.url(), names, settings.timeout());
        if (answer.skippedEntries() > 0) {
            LOG.log(Level.WARNING, "crt.sh listed " + answer.skippedEntries() + " unreadable entries for "
                    + String.join(",", names) + "; the certificate count may be low");
        }
        return answer.issuances();
    }

    /**
     * The certificates whose names are exactly {@code names} (case, order and repeats aside). crt.sh is asked for the
     * first name of the set that is not a wildcard, or the first wildcard if all are; entries for other sets are
     * ignored, and unreadable entries skipped and counted in {@link CtAnswer#skippedEntries()}.
     *
     * @param baseUrl the API's base URL; {@code ?q=NAME&output=json} is appended to its path ({@code /} if none)
     * @param timeout the most the whole query may take, body included
     * @throws CtQueryException when crt.sh cannot be reached, is too slow, answers other than 200, or answers
     *                          something that is not a JSON array or is larger than {@link #MAX_BODY_BYTES}
     */
    public CtAnswer lookup(URI baseUrl, List<String> names, Duration timeout) throws CtQueryException {
        List<String> nameSet = Observation.nameSet(names);
        String query = queryName(nameSet);
        HttpRequest request = HttpRequest.newBuilder(queryUri(baseUrl, query))
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .build();
        AtomicBoolean headersArrived = new AtomicBoolean();
        CompletableFuture<HttpResponse<BoundedBody>> future = http.sendAsync(request, info -> {
            headersArrived.set(true);
            return new BoundedBodySubscriber(MAX_BODY_BYTES);
        });
        HttpResponse<BoundedBody> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CtQueryException("crt.sh did not " + (headersArrived.get() ? "finish its answer" : "answer")
                    + " within " + Durations.format(timeout) + " (q=" + query + ")", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CtQueryException("crt.sh query for q=" + query + " was interrupted", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), baseUrl, query);
        }
        byte[] body = response.body().bytes();
        if (response.statusCode() != 200) {
            throw new CtQueryException("crt.sh answered " + status(response.statusCode()) + " for q=" + query
                    + excerpt(response.headers(), body));
        }
        if (response.body().truncated()) {
            throw new CtQueryException("crt.sh answer too large for q=" + query + ": more than "
                    + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
        }
        return CrtShEntries.parse(body, nameSet, query);
    }

    /** The name to ask about: the first that is not a wildcard, else the first. */
    static String queryName(List<String> nameSet) {
        if (nameSet.isEmpty()) {
            throw new IllegalArgumentException("no names to look up");
        }
        return nameSet.stream().filter(name -> !name.startsWith("*.")).findFirst().orElse(nameSet.getFirst());
    }

    /** {@code baseUrl} with the query appended to its path, or to a query it already has. */
    static URI queryUri(URI baseUrl, String name) {
        String path = baseUrl.getRawPath() == null || baseUrl.getRawPath().isEmpty() ? "/" : baseUrl.getRawPath();
        String prefix = baseUrl.getRawQuery() == null ? "" : baseUrl.getRawQuery() + "&";
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path + "?" + prefix + "q="
                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&output=json");
    }

    private static CtQueryException failure(Throwable error, URI baseUrl, String query) {
        if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            return new CtQueryException("could not connect to crt.sh at " + baseUrl + ": cannot resolve "
                    + baseUrl.getHost(), error);
        }
        ConnectException connect = find(error, ConnectException.class);
        if (connect != null) {
            // java.net.http reports a refused connection as a ConnectException without a message.
            String reason = connect.getMessage() == null ? "Connection refused" : connect.getMessage();
            return new CtQueryException("could not connect to crt.sh at " + baseUrl + ": " + reason, error);
        }
        if (has(error, SSLException.class)) {
            return new CtQueryException("TLS handshake with crt.sh at " + baseUrl + " failed: " + innermostMessage(error),
                    error);
        }
        return new CtQueryException("crt.sh query for q=" + query + " failed: " + innermostMessage(error), error);
    }

    /** The status with its reason phrase, which {@code java.net.http} does not pass on, for those crt.sh uses. */
    private static String status(int code) {
        String reason = switch (code) {
            case 400 -> " Bad Request";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
        return code + reason;
    }

    /** The start of a plain-text or JSON error body, on one line; nothing for HTML pages or an empty body. */
    private static String excerpt(HttpHeaders headers, byte[] body) {
        boolean html = headers.firstValue("Content-Type").orElse("").contains("html");
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (html || text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
