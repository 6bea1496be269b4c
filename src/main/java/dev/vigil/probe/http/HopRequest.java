package dev.vigil.probe.http;

import dev.vigil.probe.Header;
import dev.vigil.probe.tls.TrustPolicy;
import java.net.URI;
import java.util.List;

/** One request of a probe run; a run with redirects makes several. */
record HopRequest(URI url, String method, List<Header> headers, long maxBodyBytes, TrustPolicy trust) {
    boolean https() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    int port() {
        return url.getPort() != -1 ? url.getPort() : https() ? 443 : 80;
    }
}
