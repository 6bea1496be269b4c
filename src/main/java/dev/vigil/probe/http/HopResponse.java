package dev.vigil.probe.http;

import dev.vigil.net.BoundedBody;
import dev.vigil.probe.Phases;
import dev.vigil.probe.TlsFacts;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One response of a probe run.
 *
 * @param headers header values by lowercase name
 * @param tls     the handshake, or null over plain HTTP
 */
record HopResponse(int status, String version, Map<String, List<String>> headers, BoundedBody body, TlsFacts tls, Phases phases) {
    HopResponse {
        // Transports differ in the case they keep header names in; lookups are by lowercase name.
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = Collections.unmodifiableMap(lower);
    }

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
