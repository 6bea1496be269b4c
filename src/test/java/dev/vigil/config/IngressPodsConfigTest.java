package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lb.IngressPods;
import dev.vigil.testing.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cert.ingressPods}: the ingress controller's pods, whose restarts tell a churn's cause. */
class IngressPodsConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(name -> null);

    @TempDir
    Path dir;

    private List<String> errors(String json) {
        Path file = ConfigFiles.write(dir, json);
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));
        return e.errors().stream().map(ConfigError::describe).map(line -> line.substring(file.toString().length() + 1))
                .toList();
    }

    @Test
    void everyKeyIsReadAndTheDefaultsMergeKeyByKey() throws Exception {
        Files.writeString(dir.resolve("token"), "t");
        TestPki.writePem(dir.resolve("k8s-ca.pem"), TestPki.create().root().certificate());
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'cert': {'ingressPods': {'namespace': 'ingress', 'apiUrl': 'https://k8s.example:6443/',
                                                       'tokenFile': 'token', 'caFile': 'k8s-ca.pem'}}},
                 'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'cert': {'ingressPods': {'labelSelector': ' app.kubernetes.io/name=traefik,tier in (edge) '}}},
                            {'name': 'www', 'url': 'https://www.example.com/',
                             'cert': {'ingressPods': {'namespace': 'kube-system', 'labelSelector': 'app=nginx',
                                                      'apiUrl': 'https://10.0.0.1'}}}]}
                """);

        List<IngressPods> pods = LOADER.load(file).probes().stream().map(p -> p.cert().ingressPods()).toList();

        Path base = dir.toAbsolutePath();
        assertEquals(List.of(new IngressPods("ingress", "app.kubernetes.io/name=traefik,tier in (edge)",
                        URI.create("https://k8s.example:6443/"), base.resolve("token"), base.resolve("k8s-ca.pem")),
                new IngressPods("kube-system", "app=nginx", URI.create("https://10.0.0.1"), base.resolve("token"),
                        base.resolve("k8s-ca.pem"))), pods);
    }

    @Test
    void withoutTheKeyNoPodsAreRead() throws Exception {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'cert': {'track': true}}]}
                """);

        assertNull(LOADER.load(file).probes().getFirst().cert().ingressPods());
    }

    @Test
    void aProbeNeedsANamespaceAndASelectorTheDefaultsMayLeaveToIt() {
        assertEquals(List.of(
                "2:69: $.probes[0].cert.ingressPods: missing required key 'labelSelector'",
                "3:69: $.probes[1].cert.ingressPods: missing required key 'namespace'"), errors("""
                {'defaults': {'cert': {'ingressPods': {'apiUrl': 'https://k8s.example'}}}, 'probes': [
                 {'name': 'a', 'url': 'https://a.example/', 'cert': {'ingressPods': {'namespace': 'ingress'}}},
                 {'name': 'b', 'url': 'https://b.example/', 'cert': {'ingressPods': {'labelSelector': 'app=traefik'}}}]}
                """));
    }

    @Test
    void badValuesAreReportedWhereTheyAre() {
        assertEquals(List.of(
                "2:83: $.probes[0].cert.ingressPods.namespace: namespace 'Ingress' is not a Kubernetes name: at most 63"
                        + " lowercase letters, digits and '-', starting and ending with a letter or digit",
                "2:111: $.probes[0].cert.ingressPods.labelSelector: labelSelector 'app=traefik&x=y' is not a Kubernetes"
                        + " label selector: write e.g. app.kubernetes.io/name=traefik (at most 1024 letters, digits, spaces"
                        + " and . _ / = ! , ( ) -; not empty, which would select every pod)",
                "3:105: $.probes[1].cert.ingressPods.labelSelector: labelSelector ' ' is not a Kubernetes label selector:"
                        + " write e.g. app.kubernetes.io/name=traefik (at most 1024 letters, digits, spaces and"
                        + " . _ / = ! , ( ) -; not empty, which would select every pod)",
                "3:120: $.probes[1].cert.ingressPods.apiUrl: apiUrl must be an absolute https:// URL with a host, e.g."
                        + " https://k8s.example:6443",
                "4:123: $.probes[2].cert.ingressPods.tokenFile: tokenFile 'no-such-token' is not a readable file"
                        + " (relative paths resolve against the config file's folder)",
                "4:140: $.probes[2].cert.ingressPods.selector: unknown key 'selector'"), errors("""
                {'probes': [
                 {'name': 'a', 'url': 'https://a.example/', 'cert': {'ingressPods': {'namespace': 'Ingress', 'labelSelector': 'app=traefik&x=y'}}},
                 {'name': 'b', 'url': 'https://b.example/', 'cert': {'ingressPods': {'namespace': 'i', 'labelSelector': ' ', 'apiUrl': 'http://k8s'}}},
                 {'name': 'c', 'url': 'https://c.example/', 'cert': {'ingressPods': {'namespace': 'i', 'labelSelector': 'a', 'tokenFile': 'no-such-token', 'selector': 'x'}}}]}
                """));
    }

    @Test
    void anIngressPodsThatIsNoObjectIsReported() {
        assertEquals(List.of("2:69: $.probes[0].cert.ingressPods: expected an object, got string"), errors("""
                {'probes': [
                 {'name': 'a', 'url': 'https://a.example/', 'cert': {'ingressPods': 'ingress/traefik'}}]}
                """));
    }
}
