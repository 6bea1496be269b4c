package dev.vigil.lb;

import dev.vigil.files.BoundedFiles.UnreadableFileException;
import dev.vigil.files.BoundedFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One Service to read and how: the API server's URL and the files the bearer token and the CA bundle come from, each
 * from the Service's settings or else from the cluster the agent runs in.
 *
 * @param service             the Service
 * @param apiUrl              the API server, without a trailing slash, e.g. {@code https://10.96.0.1:443}
 * @param tokenFile           the bearer token's file
 * @param caFile              the API server's CA bundle
 * @param serviceAccountToken the token is the service account's, not one the settings name
 * @param serviceAccountCa    the CA bundle is the service account's, not one the settings name
 */
record ApiTarget(KubernetesService service, URI apiUrl, Path tokenFile, Path caFile, boolean serviceAccountToken,
        boolean serviceAccountCa) {
    /** Namespaces and Service names are DNS labels; checking them keeps the request path what it seems. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A service account token is a JWT of a few KiB; far more is not a token. */
    static final int MAX_TOKEN_BYTES = 64 * 1024;

    /**
     * @param env               the environment, for {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    static ApiTarget resolve(KubernetesService service, Function<String, String> env, Path serviceAccountDir)
            throws LbLookupException {
        checkLabel("namespace", service.namespace());
        checkLabel("name", service.name());
        URI apiUrl = service.apiUrl() == null ? inCluster(env) : explicit(service.apiUrl());
        Path tokenFile = service.tokenFile() != null ? service.tokenFile() : serviceAccountDir.resolve("token");
        Path caFile = service.caFile() != null ? service.caFile() : serviceAccountDir.resolve("ca.crt");
        return new ApiTarget(service, apiUrl, tokenFile, caFile, service.tokenFile() == null,
                service.caFile() == null);
    }

    /** {@code namespace/name}, as kubectl writes it. */
    String serviceName() {
        return service.namespace() + "/" + service.name();
    }

    /** {@code GET} this for the Service object. */
    URI serviceUri() {
        return URI.create(apiUrl + "/api/v1/namespaces/" + service.namespace() + "/services/" + service.name());
    }

    /**
     * The bearer token, read anew on each call since it rotates; the message of a failure never holds it. Only a
     * regular file of at most {@value #MAX_TOKEN_BYTES} bytes is read, within {@code timeout}: a FIFO or a device in
     * its place must not hold the run, nor fill the heap.
     */
    String readToken(Duration timeout) throws LbLookupException {
        String token;
        try {
            token = new String(BoundedFiles.read(tokenFile, MAX_TOKEN_BYTES, timeout), StandardCharsets.UTF_8).strip();
        } catch (UnreadableFileException e) {
            throw new LbLookupException("cannot read the bearer token from " + tokenFile + ": " + e.reason()
                    + (serviceAccountToken ? "; outside a cluster set expect.kubernetesService.tokenFile" : ""), e);
        }
        if (token.isEmpty()) {
            throw new LbLookupException("the bearer token file " + tokenFile + " is empty");
        }
        if (!token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new LbLookupException("the bearer token in " + tokenFile
                    + " holds whitespace or characters an HTTP header cannot carry");
        }
        return token;
    }

    /** What went wrong with a file, in words; the caller names the file. */
    static String problem(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    private static URI inCluster(Function<String, String> env) throws LbLookupException {
        String host = env.apply("KUBERNETES_SERVICE_HOST");
        if (host == null || host.isBlank()) {
            throw new LbLookupException("KUBERNETES_SERVICE_HOST is not set: not running in a cluster; set "
                    + "expect.kubernetesService.apiUrl");
        }
        String port = env.apply("KUBERNETES_SERVICE_PORT");
        if (port == null || !port.matches("[1-9]\\d{0,4}") || Integer.parseInt(port) > 65535) {
            throw new LbLookupException("KUBERNETES_SERVICE_PORT is " + (port == null ? "not set" : "'" + port + "'")
                    + ": expected a port number; set expect.kubernetesService.apiUrl");
        }
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            return explicit(new URI("https://" + authority + ":" + port));
        } catch (URISyntaxException e) {
            throw new LbLookupException("KUBERNETES_SERVICE_HOST '" + host + "' is not a host name or address", e);
        }
    }

    private static URI explicit(URI apiUrl) throws LbLookupException {
        if (!"https".equalsIgnoreCase(apiUrl.getScheme()) || apiUrl.getHost() == null) {
            throw new LbLookupException("expect.kubernetesService.apiUrl " + apiUrl
                    + " must be an https:// URL with a host: the bearer token is never sent in clear text");
        }
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath().replaceAll("/+$", "");
        return URI.create("https://" + apiUrl.getRawAuthority() + path);
    }

    private static void checkLabel(String what, String value) throws LbLookupException {
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new LbLookupException("kubernetesService " + what + " '" + value
                    + "' is not a Kubernetes name (lower-case letters, digits and '-', at most 63)");
        }
    }
}
