package dev.vigil.discovery;

import dev.vigil.lb.LbIngress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One host an object routes, before it is made a probe: what the cluster says about it.
 *
 * @param source      the object
 * @param host        the host name, lower case
 * @param https       the object terminates TLS for the host
 * @param expected    the load-balancer addresses the host should resolve to; empty when unknown
 * @param annotations the object's annotations
 */
record Route(ObjectRef source, String host, boolean https, List<LbIngress> expected, Map<String, String> annotations) {
    Route {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(host, "host");
        expected = List.copyOf(expected);
        annotations = Map.copyOf(annotations);
    }
}
