package dev.vigil.output.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.cert.CertStatus;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label text that many probes' series hold alike is held once (issue 17). */
class LabelTextsTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void equalTextsGiveTheFirstInstance() {
        LabelTexts texts = new LabelTexts();
        String first = texts.of(new String("cipher=\"TLS_AES_128_GCM_SHA256\""));

        assertSame(first, texts.of(new String("cipher=\"TLS_AES_128_GCM_SHA256\"")));
        assertNull(texts.of(null));
    }

    @Test
    void probesOfTheSameCertificateShareItsLabelText() {
        LabelTexts texts = new LabelTexts();

        Series a = Series.of(probe("a"), handshake(), CertStatus.UNKNOWN, texts::of);
        Series b = Series.of(probe("b"), handshake(), CertStatus.UNKNOWN, texts::of);

        assertEquals(a.chain(), b.chain());
        assertSame(a.chain(), b.chain());
        assertSame(a.version(), b.version());
        assertSame(a.cipher(), b.cipher());
        assertNotSame(a.labels(), b.labels());
    }

    private static LabelledProbe probe(String name) {
        return new LabelledProbe(name, HttpSpec.of(URI.create("https://" + name + ".example/")), Map.of());
    }

    /** A new handshake each time, as each run has: equal facts in new strings. */
    private static ProbeResult handshake() {
        CertificateFacts leaf = new CertificateFacts(new String("CN=*.example"), new String("CN=Example CA"),
                new String("0a1b"), List.of(new String("*.example")), STARTED.minus(Duration.ofDays(1)),
                STARTED.plus(Duration.ofDays(60)), new String("ab12"), "EC", 256);
        TlsFacts tls = new TlsFacts(new String("TLSv1.3"), new String("TLS_AES_128_GCM_SHA256"), true, null, List.of(leaf));
        return new ProbeResult(STARTED, Duration.ofMillis(20), null, null, tls, Phases.NONE, null, List.of());
    }
}
