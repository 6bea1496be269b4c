package dev.vigil.lb;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of Kubernetes object as the API server serves it, e.g. {@code networking.k8s.io/v1} {@code ingresses}.
 *
 * @param group   the API group, empty for the core group ({@code /api/v1})
 * @param version the API version, e.g. {@code v1}
 * @param plural  the resource, as URLs and Role rules name it, e.g. {@code ingresses}
 * @param kind    the object's kind, e.g. {@code Ingress}
 */
public record ApiResource(String group, String version, String plural, String kind) {
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    /** {@code networking.k8s.io/v1} Ingress. */
    public static final ApiResource INGRESSES = new ApiResource("networking.k8s.io", "v1", "ingresses", "Ingress");
    /** Gateway API {@code HTTPRoute}. */
    public static final ApiResource HTTP_ROUTES =
            new ApiResource("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute");
    /** Gateway API {@code Gateway}, whose {@code status.addresses} its routes are reached on. */
    public static final ApiResource GATEWAYS = new ApiResource("gateway.networking.k8s.io", "v1", "gateways", "Gateway");
    /** Traefik's {@code IngressRoute}. */
    public static final ApiResource INGRESS_ROUTES = new ApiResource("traefik.io", "v1alpha1", "ingressroutes",
            "IngressRoute");
    /** Core Services, whose load balancers Traefik routes are reached on. */
    public static final ApiResource SERVICES = new ApiResource("", "v1", "services", "Service");

    public ApiResource {
        Objects.requireNonNull(kind, "kind");
        // Each lands in a request path; checking them keeps it what it seems.
        for (String segment : new String[] {version, plural}) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + segment + "' is no API version or resource name");
            }
        }
        if (!group.isEmpty() && !SEGMENT.matcher(group).matches()) {
            throw new IllegalArgumentException("'" + group + "' is no API group");
        }
    }

    /** The path its API is served under, e.g. {@code /apis/networking.k8s.io/v1} or {@code /api/v1}. */
    String root() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** {@code group/version} as objects carry it in {@code apiVersion}, e.g. {@code traefik.io/v1alpha1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
