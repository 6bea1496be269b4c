package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.DiscoveryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Kubernetes objects as the API server writes them, and discovery configs, for the tests of this package. */
final class RouteObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteObjects() {
    }

    /** {@code json} with single quotes for double ones. */
    static JsonNode json(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String metadata(String namespace, String name, String annotations) {
        return "'metadata': {'namespace': '" + namespace + "', 'name': '" + name + "', 'resourceVersion': '1',"
                + " 'annotations': {" + annotations + "}}";
    }

    static JsonNode ingress(String namespace, String name, String annotations, String rules, String tls,
            String status) {
        return json("{'apiVersion': 'networking.k8s.io/v1', 'kind': 'Ingress', " + metadata(namespace, name, annotations)
                + ", 'spec': {'rules': [" + rules + "], 'tls': [" + tls + "]}, 'status': {'loadBalancer': {'ingress': ["
                + status + "]}}}");
    }

    /** The discovery section of a config of {@code sources} (JSON, single quotes), loaded from {@code dir}. */
    static DiscoveryConfig config(Path dir, String sources) {
        return config(dir, "'apiUrl': 'https://k8s.example:6443'", sources);
    }

    /** As {@link #config(Path, String)}, reaching the API server as {@code access} says. */
    static DiscoveryConfig config(Path dir, String access, String sources) {
        try {
            Path file = dir.resolve("vigil.json");
            Files.writeString(file, ("{'defaults': {'timeout': '5s'}, 'discovery': {" + access + ","
                    + " 'sources': [" + sources + "]}}").replace('\'', '"'));
            return new ConfigLoader(Map.<String, String>of()::get, () -> "test").load(file).discovery();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
