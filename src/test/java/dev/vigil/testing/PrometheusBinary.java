package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A binary of the Prometheus project (Pushgateway, Alertmanager) started for a test: its command includes
 * {@code --web.listen-address=127.0.0.1:0}, so it binds a port itself (a port picked beforehand could be taken before
 * it binds, issue 13 item 10); the port is read from its {@code msg="Listening on" address=127.0.0.1:PORT} log line,
 * and {@link #start} returns once {@code /-/ready} answers 200.
 *
 * @param process the running binary
 * @param log     where it writes its output
 * @param url     its base URL, e.g. {@code http://127.0.0.1:54321}
 */
record PrometheusBinary(Process process, Path log, URI url) {
    private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_WITHIN = Duration.ofSeconds(20);

    /** Starts {@code command}, its output going to {@code log}; {@code name} names it in failures. */
    static PrometheusBinary start(String name, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AtomicInteger port = new AtomicInteger();
        try {
            Eventually.until(START_WITHIN, name + " listening", () -> {
                Matcher listening = LISTENING.matcher(read(log));
                port.set(listening.find() ? Integer.parseInt(listening.group(1)) : 0);
                return port.get() > 0 || !process.isAlive();
            });
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + "; its log: " + read(log), e);
        }
        if (port.get() == 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; its log: " + read(log));
        }
        PrometheusBinary binary = new PrometheusBinary(process, log, URI.create("http://127.0.0.1:" + port.get()));
        try (HttpClient http = HttpClient.newHttpClient()) {
            Eventually.until(START_WITHIN, name + " ready on port " + port.get(),
                    () -> process.isAlive() && binary.ready(http));
        } catch (AssertionError e) {
            binary.stop();
            throw new AssertionError(e.getMessage() + "; its log: " + binary.output(), e);
        }
        return binary;
    }

    private boolean ready(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // Not listening yet.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the process has printed so far. */
    String output() {
        return read(log);
    }

    /** Asks the process to stop, and kills it if it has not within 10 s. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
