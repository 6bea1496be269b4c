package dev.vigil.lb;

import dev.vigil.files.BoundedFiles.UnreadableFileException;
import dev.vigil.files.BoundedFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One object to read from the API server and how: its URL, the API server's URL and the files the bearer token and the
 * CA bundle come from, each from the settings or else from the cluster the agent runs in.
 *
 * @param subject             what is read, as messages name it, e.g. {@code service ingress/traefik}
 * @param settings            the config key of the settings, e.g. {@code expect.kubernetesService}
 * @param namespace           the namespace read in; null for all namespaces
 * @param group               the resource's API group, as a Role rule names it: empty for the core group
 * @param resource            the resource read, as a Role rule names it, e.g. {@code services}
 * @param verb                the verb a Role must grant on it, e.g. {@code get}
 * @param uri                 what to {@code GET}
 * @param apiUrl              the API server, without a trailing slash, e.g. {@code https://10.96.0.1:443}
 * @param tokenFile           the bearer token's file
 * @param caFile              the API server's CA bundle
 * @param serviceAccountToken the token is the service account's, not one the settings name
 * @param serviceAccountCa    the CA bundle is the service account's, not one the settings name
 */
record ApiTarget(String subject, String settings, String namespace, String group, String resource, String verb, URI uri,
        URI apiUrl,
        Path tokenFile, Path caFile, boolean serviceAccountToken, boolean serviceAccountCa) {
    /** Namespaces and Service names are DNS labels; checking them keeps the request path what it seems. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A service account token is a JWT of a few KiB; far more is not a token. */
    static final int MAX_TOKEN_BYTES = 64 * 1024;

    /**
     * Where to read {@code service}.
     *
     * @param env               the environment, for {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    static ApiTarget resolve(KubernetesService service, Function<String, String> env, Path serviceAccountDir)
            throws LbLookupException {
        String settings = "expect.kubernetesService";
        checkLabel(settings, "namespace", service.namespace());
        checkLabel(settings, "name", service.name());
        return of("service " + service.namespace() + "/" + service.name(), settings, service.namespace(), "", "services",
                "get", core(service.namespace()) + "/services/" + service.name(), service.apiUrl(), service.tokenFile(),
                service.caFile(), env, serviceAccountDir);
    }

    /**
     * Where to list {@code pods}: at most {@code limit} of them, the API server cutting the list short.
     *
     * @param env               the environment, for {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    static ApiTarget resolve(IngressPods pods, int limit, Function<String, String> env, Path serviceAccountDir)
            throws LbLookupException {
        String settings = "cert.ingressPods";
        checkLabel(settings, "namespace", pods.namespace());
        String selector = URLEncoder.encode(pods.labelSelector(), StandardCharsets.UTF_8).replace("+", "%20");
        return of("pods in " + pods.namespace() + " matching '" + pods.labelSelector() + "'", settings,
                pods.namespace(), "", "pods", "list", core(pods.namespace()) + "/pods?labelSelector=" + selector
                        + "&limit=" + limit, pods.apiUrl(), pods.tokenFile(), pods.caFile(), env, serviceAccountDir);
    }

    /**
     * Where to {@code verb} ({@code list} or {@code watch}) {@code collection}, {@code query} (already encoded)
     * appended to the path.
     *
     * @param env               the environment, for {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    static ApiTarget resolve(WatchedCollection collection, String verb, String query, Function<String, String> env,
            Path serviceAccountDir) throws LbLookupException {
        ApiResource resource = collection.resource();
        String namespace = collection.namespace();
        if (namespace != null) {
            checkLabel(collection.settings(), "namespace", namespace);
        }
        String path = resource.root() + (namespace == null ? "" : "/namespaces/" + namespace) + "/"
                + resource.plural() + "?" + query;
        return of(collection.subject(), collection.settings(), namespace, resource.group(), resource.plural(), verb,
                path, collection.apiUrl(), collection.tokenFile(), collection.caFile(), env, serviceAccountDir);
    }

    private static String core(String namespace) {
        return "/api/v1/namespaces/" + namespace;
    }

    private static ApiTarget of(String subject, String settings, String namespace, String group, String resource,
            String verb, String path, URI configuredApi, Path configuredToken, Path configuredCa,
            Function<String, String> env, Path serviceAccountDir) throws LbLookupException {
        URI apiUrl = configuredApi == null ? inCluster(env, settings) : explicit(configuredApi, settings);
        Path tokenFile = configuredToken != null ? configuredToken : serviceAccountDir.resolve("token");
        Path caFile = configuredCa != null ? configuredCa : serviceAccountDir.resolve("ca.crt");
        URI uri = URI.create(apiUrl + path);
        return new ApiTarget(subject, settings, namespace, group, resource, verb, uri, apiUrl, tokenFile, caFile,
                configuredToken == null, configuredCa == null);
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
                    + (serviceAccountToken ? "; outside a cluster set " + settings + ".tokenFile" : ""), e);
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

    private static URI inCluster(Function<String, String> env, String settings) throws LbLookupException {
        String host = env.apply("KUBERNETES_SERVICE_HOST");
        if (host == null || host.isBlank()) {
            throw new LbLookupException("KUBERNETES_SERVICE_HOST is not set: not running in a cluster; set "
                    + settings + ".apiUrl");
        }
        String port = env.apply("KUBERNETES_SERVICE_PORT");
        if (port == null || !port.matches("[1-9]\\d{0,4}") || Integer.parseInt(port) > 65535) {
            throw new LbLookupException("KUBERNETES_SERVICE_PORT is " + (port == null ? "not set" : "'" + port + "'")
                    + ": expected a port number; set " + settings + ".apiUrl");
        }
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            return explicit(new URI("https://" + authority + ":" + port), settings);
        } catch (URISyntaxException e) {
            throw new LbLookupException("KUBERNETES_SERVICE_HOST '" + host + "' is not a host name or address", e);
        }
    }

    private static URI explicit(URI apiUrl, String settings) throws LbLookupException {
        if (!"https".equalsIgnoreCase(apiUrl.getScheme()) || apiUrl.getHost() == null) {
            throw new LbLookupException(settings + ".apiUrl " + apiUrl
                    + " must be an https:// URL with a host: the bearer token is never sent in clear text");
        }
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath().replaceAll("/+$", "");
        return URI.create("https://" + apiUrl.getRawAuthority() + path);
    }

    private static void checkLabel(String settings, String what, String value) throws LbLookupException {
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new LbLookupException(settings.substring(settings.lastIndexOf('.') + 1) + " " + what + " '" + value
                    + "' is not a Kubernetes name (lower-case letters, digits and '-', at most 63)");
        }
    }
}
