package dev.vigil.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lb.KubernetesService;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the Service is read from: the in-cluster environment, explicit settings, and what is refused. */
class ApiTargetTest {
    private static final Path SA = Path.of("/sa");

    private static ApiTarget resolve(KubernetesService service, Map<String, String> env) throws LbLookupException {
        return ApiTarget.resolve(service, env::get, SA);
    }

    private static KubernetesService inCluster() {
        return new KubernetesService("ingress", "traefik", null, null, null);
    }

    @Test
    void inAClusterTheServiceAccountFilesAndAnIpv6HostInBrackets() throws Exception {
        ApiTarget target = resolve(inCluster(),
                Map.of("KUBERNETES_SERVICE_HOST", "fd00:10:96::1", "KUBERNETES_SERVICE_PORT", "443"));

        assertEquals(URI.create("https://[fd00:10:96::1]:443/api/v1/namespaces/ingress/services/traefik"),
                target.uri());
        assertEquals(SA.resolve("token"), target.tokenFile());
        assertEquals(SA.resolve("ca.crt"), target.caFile());
    }

    @Test
    void explicitSettingsOverrideEachAndKeepAPathPrefix() throws Exception {
        ApiTarget target = resolve(new KubernetesService("ingress", "traefik",
                URI.create("https://rancher.example.com/k8s/clusters/c-m-1/"), Path.of("/t"), Path.of("/ca.pem")),
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"));

        assertEquals(URI.create("https://rancher.example.com/k8s/clusters/c-m-1/api/v1/namespaces/ingress/services/"
                + "traefik"), target.uri());
        assertEquals(Path.of("/t"), target.tokenFile());
        assertEquals(Path.of("/ca.pem"), target.caFile());
    }

    @Test
    void aPortThatIsNoNumberIsNamed() {
        LbLookupException e = assertThrows(LbLookupException.class, () -> resolve(inCluster(),
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "https")));

        assertEquals("KUBERNETES_SERVICE_PORT is 'https': expected a port number; set expect.kubernetesService.apiUrl",
                e.getMessage());
    }

    @Test
    void plainHttpIsRefusedSoTheTokenNeverTravelsInClear() {
        LbLookupException e = assertThrows(LbLookupException.class, () -> resolve(new KubernetesService("ingress",
                "traefik", URI.create("http://127.0.0.1:8001"), null, null), Map.of()));

        assertEquals("expect.kubernetesService.apiUrl http://127.0.0.1:8001 must be an https:// URL with a host: the "
                + "bearer token is never sent in clear text", e.getMessage());
    }

    @Test
    void aNameThatIsNoDnsLabelIsRefused() {
        LbLookupException e = assertThrows(LbLookupException.class, () -> resolve(new KubernetesService("ingress",
                "../secrets/x", URI.create("https://127.0.0.1"), null, null), Map.of()));

        assertEquals("kubernetesService name '../secrets/x' is not a Kubernetes name (lower-case letters, digits and "
                + "'-', at most 63)", e.getMessage());
    }
}
