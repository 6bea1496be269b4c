package dev.vigil.probe.http;

import dev.vigil.net.BodyBudget;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.tls.TrustPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of a probe run; a run with redirects makes several.
 *
 * @param body the run's share of the body budget, which every body byte kept is drawn from
 */
record HopRequest(URI url, String method, List<Header> headers, long maxBodyBytes, TrustPolicy trust, HttpVersion version,
        BodyBudget.Claim body) {
    /** The headers to send: Vigil's defaults unless the probe sets the same name, then the probe's own. */
    List<Header> headersWithDefaults(String userAgent) {
        List<Header> all = new ArrayList<>();
        if (!has("User-Agent")) {
            all.add(new Header("User-Agent", userAgent, false));
        }
        if (!has("Accept")) {
            all.add(new Header("Accept", "*/*", false));
        }
        all.addAll(headers);
        return all;
    }

    private boolean has(String name) {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
    }

    boolean https() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    int port() {
        return url.getPort() != -1 ? url.getPort() : https() ? 443 : 80;
    }
}
