package dev.vigil.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.config.ConfigLoader;
import dev.vigil.lb.ListWatch;
import dev.vigil.lb.WatchedCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example RBAC grants exactly what the example discovery config reads: {@code list} and {@code watch} on each
 * kind, in each namespace it is read in (cluster-wide for all), and nothing else.
 */
class ExampleRbacTest {
    private static final Path EXAMPLES = Path.of("examples/kubernetes");
    private static final Pattern KIND = Pattern.compile("(?m)^kind: (\\w+)");
    private static final Pattern NAMESPACE = Pattern.compile("(?m)^  namespace: ([a-z0-9-]+)");
    private static final Pattern RULE = Pattern.compile(
            "- apiGroups: \\[\"([^\"]*)\"]\\s+resources: \\[\"([a-z]+)\"]\\s+verbs: \\[([^]]*)]");

    @Test
    void rbacDiscoveryGrantsListAndWatchOnExactlyTheConfiguredKinds() throws Exception {
        Set<String> read = new TreeSet<>();
        try (Discoverer discoverer = new Discoverer(new ConfigLoader(Map.<String, String>of()::get)
                .load(EXAMPLES.resolve("discovery.json")).discovery(), ListWatch.Limits.DEFAULT,
                Map.<String, String>of()::get, Path.of("unused"), ListWatch.Pause.REAL, () -> { })) {
            for (WatchedCollection c : discoverer.collections()) {
                read.add((c.namespace() == null ? "*" : c.namespace()) + " " + c.resource().group() + "/"
                        + c.resource().plural() + " \"list\", \"watch\"");
            }
        }

        Set<String> granted = new TreeSet<>();
        for (String document : Files.readString(EXAMPLES.resolve("rbac-discovery.yaml")).split("(?m)^---$")) {
            Matcher kind = KIND.matcher(document);
            if (!kind.find() || !kind.group(1).endsWith("Role")) {
                continue;
            }
            Matcher namespace = NAMESPACE.matcher(document);
            String where = kind.group(1).equals("ClusterRole") ? "*" : namespace.find() ? namespace.group(1) : "?";
            Matcher rule = RULE.matcher(document);
            while (rule.find()) {
                granted.add(where + " " + rule.group(1) + "/" + rule.group(2) + " " + rule.group(3));
            }
        }

        assertEquals(Set.of("* networking.k8s.io/ingresses \"list\", \"watch\"",
                "api traefik.io/ingressroutes \"list\", \"watch\"", "shop traefik.io/ingressroutes \"list\", \"watch\"",
                "ingress /services \"list\", \"watch\""), read);
        assertEquals(read, granted);
    }
}
