package dev.vigil.probe.http;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeSpec;
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

    static ProbeSpec trusting(URI url, Path caFile) {
        return new ProbeSpec(url, "GET", List.of(), TIMEOUT, HttpExpectations.DEFAULT,
                new TlsOptions(caFile, false, TlsOptions.DEFAULT_WARN_DAYS, TlsOptions.DEFAULT_CRIT_DAYS),
                ProbeSpec.DEFAULT_MAX_BODY_BYTES, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1, null);
    }

    static ProbeSpec withExpectations(ProbeSpec s, HttpExpectations expect) {
        return new ProbeSpec(s.url(), s.method(), s.headers(), s.timeout(), expect, s.tls(), s.maxBodyBytes(), s.resolve(), s.ipFamily(), s.httpVersion(), null);
    }

    static ProbeSpec withTimeout(ProbeSpec s, Duration timeout) {
        return new ProbeSpec(s.url(), s.method(), s.headers(), timeout, s.expect(), s.tls(), s.maxBodyBytes(), s.resolve(), s.ipFamily(), s.httpVersion(), null);
    }

    static ProbeSpec withMaxBody(ProbeSpec s, long maxBodyBytes) {
        return new ProbeSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), maxBodyBytes, s.resolve(), s.ipFamily(), s.httpVersion(), null);
    }

    static ProbeSpec pinned(ProbeSpec s, AddressOverride... overrides) {
        return new ProbeSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), s.maxBodyBytes(), List.of(overrides), s.ipFamily(), s.httpVersion(), null);
    }

    static ProbeSpec http2(ProbeSpec s) {
        return new ProbeSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), s.maxBodyBytes(), s.resolve(), s.ipFamily(), HttpVersion.HTTP_2, null);
    }

    static ProbeSpec family(ProbeSpec s, IpFamily family) {
        return new ProbeSpec(s.url(), s.method(), s.headers(), s.timeout(), s.expect(), s.tls(), s.maxBodyBytes(), s.resolve(), family, s.httpVersion(), null);
    }
}
