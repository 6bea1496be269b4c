package dev.vigil.probe.http;

import dev.vigil.probe.Phases;
import dev.vigil.probe.TlsFacts;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One response of a probe run.
 *
 * @param headers header values by lowercase name
 * @param tls     the handshake, or null over plain HTTP
 */
record HopResponse(int status, String version, Map<String, List<String>> headers, BoundedBody body, TlsFacts tls, Phases phases) {
    HopResponse {
        headers = Map.copyOf(headers);
    }

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
