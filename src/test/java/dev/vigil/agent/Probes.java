package dev.vigil.agent;

import dev.vigil.cert.CertSettings;
import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.HttpSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Probe configs for scheduler tests, which never touch the network. */
final class Probes {
    private Probes() {
    }

    static ProbeConfig every(String name, Duration interval) {
        return new ProbeConfig(name, interval, Map.of(), HttpSpec.of(URI.create("https://" + name + ".example.test/")),
                CertSettings.DEFAULT);
    }
}
