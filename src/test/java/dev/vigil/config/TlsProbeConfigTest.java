package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.cert.CertSettings;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.TlsSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tls://} probes in a config file: their port, STARTTLS, and the settings they share with HTTP probes. */
class TlsProbeConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(name -> null, () -> "host");

    @TempDir
    Path dir;

    private List<ProbeConfig> load(String json) throws Exception {
        Path file = dir.resolve("probes.json");
        Files.writeString(file, json);
        return LOADER.load(file).probes();
    }

    @Test
    void aTlsUrlMakesATlsProbeWithThePortOfItsStarttlsProtocolElse443() throws Exception {
        List<ProbeConfig> probes = load("""
                {"defaults": {"timeout": "4s", "method": "HEAD", "expectHttpsRedirect": true, "tls": {"warnDays": 20},
                              "ipFamily": "ipv4"},
                 "probes": [
                  {"name": "submission", "url": "tls://mail.example.com", "starttls": "SMTP"},
                  {"name": "relay", "url": "tls://mail.example.com:25", "starttls": "smtp"},
                  {"name": "plain", "url": "tls://ldap.example.com"},
                  {"name": "db", "url": "tls://db.example.com", "starttls": "postgres"}]}
                """);

        TlsSpec submission = (TlsSpec) probes.get(0).spec();
        assertEquals(URI.create("tls://mail.example.com:587"), submission.url());
        assertEquals(587, submission.port());
        assertEquals("smtp", submission.starttls());
        assertEquals(Duration.ofSeconds(4), submission.timeout());
        assertEquals(20, submission.tls().warnDays());
        assertEquals(IpFamily.IPV4, submission.ipFamily());
        assertEquals("tls", submission.kind());
        assertEquals(25, probes.get(1).spec().port());
        TlsSpec plain = (TlsSpec) probes.get(2).spec();
        assertEquals(URI.create("tls://ldap.example.com:443"), plain.url());
        assertNull(plain.starttls());
        assertEquals(URI.create("tls://db.example.com:5432"), probes.get(3).spec().url());
    }

    @Test
    void aTlsProbeTakesDnsChecksAndCertificateTracking() throws Exception {
        List<ProbeConfig> probes = load("""
                {"probes": [{"name": "mail", "url": "tls://mail.example.com:465",
                             "dns": {"expect": {"addresses": ["192.0.2.10"]}}, "labels": {"team": "mail"}}]}
                """);

        TlsSpec mail = (TlsSpec) probes.getFirst().spec();
        assertEquals(List.of("192.0.2.10"), mail.dns().expect().addresses());
        assertEquals("mail", probes.getFirst().labels().get("team"));
        assertEquals(CertSettings.DEFAULT, probes.getFirst().cert());
    }
}
