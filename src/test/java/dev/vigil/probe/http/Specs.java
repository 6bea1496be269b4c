package dev.vigil.probe.http;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.TlsOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Short ways to write the probe specs these tests need. */
final class Specs {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Specs() {
    }

    static HttpSpec trusting(URI url, Path caFile) {
        return new HttpSpec(url, "GET", List.of(), TIMEOUT, HttpExpectations.DEFAULT,
                new TlsOptions(caFile, false, TlsOptions.DEFAULT_WARN_DAYS, TlsOptions.DEFAULT_CRIT_DAYS),
                HttpSpec.DEFAULT_MAX_BODY_BYTES, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1, null);
    }

    static HttpSpec withExpectations(HttpSpec s, HttpExpectations expect) {
        return new HttpSpec(s.url(), s.method(), s.headers(), s.timeout(), expect, s.tls(), s.maxBodyBytes(), s.resolve(), s.ipFamily(), s.httpVersion(), null);
    }

    static HttpSpec withTimeout(HttpSpec s, Duration timeout) {
        return new HttpSpec(s.url(), s.method(), s.headers(), timeout, s.expect(), s.tls(), s.maxBodyBytes(), s.resolve(), s.ipFamily(), s.httpVersion(), null);
    }

    static HttpSpec withMaxBody(HttpSpec s, long maxBodyBytes) {
        return new HttpSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), maxBodyBytes, s.resolve(), s.ipFamily(), s.httpVersion(), null);
    }

    static HttpSpec pinned(HttpSpec s, AddressOverride... overrides) {
        return new HttpSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), s.maxBodyBytes(), List.of(overrides), s.ipFamily(), s.httpVersion(), null);
    }

    static HttpSpec http2(HttpSpec s) {
        return new HttpSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), s.maxBodyBytes(), s.resolve(), s.ipFamily(), HttpVersion.HTTP_2, null);
    }

    static HttpSpec family(HttpSpec s, IpFamily family) {
        return new HttpSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), s.maxBodyBytes(), s.resolve(), family, s.httpVersion(), null);
    }
}
