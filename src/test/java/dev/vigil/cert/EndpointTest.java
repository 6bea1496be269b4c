package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://API.Example.com/healthz | api.example.com:443",
            "https://api.example.com:8443/   | api.example.com:8443",
            "https://127.0.0.1:9443/         | 127.0.0.1:9443",
            "https://[::1]/                  | [::1]:443",
    })
    void anHttpsUrlReachesItsHostPortAndUsualServerName(String url, String key) {
        assertEquals(key, Endpoint.of(URI.create(url)).key());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1 | 443 | api.example.com | 10.0.0.1:443 sni=api.example.com",
            "api.example.com | 443 | '' | api.example.com:443 sni=none",
    })
    void anUnusualServerNameIsPartOfTheKey(String host, int port, String serverName, String key) {
        assertEquals(key, new Endpoint(host, port, serverName).key());
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "http://api.example.com/ | https://api.example.com/login | api.example.com:443",
            "https://api.example.com/ | null | api.example.com:443",
            "https://api.example.com/ | http://api.example.com/ | null",
    })
    void theCertificateIsTheOneOfTheUrlARunEndedAt(String probeUrl, String finalUrl, String key) {
        Optional<Endpoint> endpoint = Endpoint.servedAt(finalUrl == null ? null : URI.create(finalUrl),
                URI.create(probeUrl));

        assertEquals(Optional.ofNullable(key), endpoint.map(Endpoint::key));
    }
}
