package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config a user may copy loads through the real loader: the example files ({@code probes.example.json},
 * {@code examples/**.json}), the whole configs shown in the docs (a {@code json} block with {@code "probes"}), and the
 * {@code probes.json} of the Kubernetes example's ConfigMap. Each gets the environment variables and the
 * {@code ${file:…}} secrets it names, as a user would provide them.
 */
class ExampleFilesTest {
    private static final Path REPO = Path.of("");
    private static final Pattern JSON_BLOCK = Pattern.compile("(?ms)^```json\\n(.*?)^```");
    // The ConfigMap key and the block under it: every line indented deeper than the key, or empty.
    private static final Pattern CONFIG_MAP_ENTRY = Pattern.compile("(?m)^( *)probes\\.json: \\|\\n((?:\\1 +.*\\n|\\n)+)");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:([^}]+)}");
    /** A shard given by its count alone takes its index from {@code HOSTNAME}, as a StatefulSet's pod does. */
    private static final Pattern COUNT_ONLY_SHARD = Pattern.compile("\"shard\"\\s*:\\s*\\{\\s*\"count\"");
    // Not configs: the Grafana dashboard there is proved by examples/prometheus/check.sh against a real Prometheus.
    private static final String GRAFANA_DASHBOARDS = "examples/prometheus/";

    /** A config and where it was found (a file, or a file and the line its block starts on). */
    record Example(String origin, String json) {
        @Override
        public String toString() {
            return origin;
        }
    }

    static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        examples.add(new Example("probes.example.json", Files.readString(REPO.resolve("probes.example.json"))));
        for (Path file : files("examples", ".json")) {
            if (!name(file).startsWith(GRAFANA_DASHBOARDS)) {
                examples.add(new Example(name(file), Files.readString(file)));
            }
        }
        for (Path file : files("examples", ".yaml")) {
            String text = Files.readString(file);
            Matcher entry = CONFIG_MAP_ENTRY.matcher(text);
            while (entry.find()) {
                String indent = entry.group(1) + "  ";
                String json = entry.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                        .reduce("", (a, b) -> a + b + "\n");
                examples.add(new Example(name(file) + ":" + line(text, entry.start()), json));
            }
        }
        for (Example block : markdownJsonBlocks()) {
            if (block.json().strip().startsWith("{") && block.json().contains("\"probes\"")) {
                examples.add(block);
            }
        }
        return examples;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void loadsThroughTheConfigLoader(Example example, @TempDir Path dir) throws IOException {
        Set<String> referenced = new TreeSet<>();
        ENV_REFERENCE.matcher(example.json()).results().forEach(m -> referenced.add(m.group(1)));
        if (COUNT_ONLY_SHARD.matcher(example.json()).find()) {
            referenced.add("HOSTNAME");
        }
        for (String reference : FILE_REFERENCE.matcher(example.json()).results().map(m -> m.group(1)).toList()) {
            assertFalse(Path.of(reference).isAbsolute(), example + ": ${file:" + reference + "} is absolute, so no test"
                    + " can provide it; name it relative to the config file's folder");
            Path secret = dir.resolve(reference);
            Files.createDirectories(secret.getParent());
            Files.writeString(secret, "https://secrets.example.test/file\n");
        }
        Path file = Files.writeString(dir.resolve("probes.json"), example.json());
        Set<String> looked = new TreeSet<>();
        ConfigLoader loader = new ConfigLoader(name -> {
            looked.add(name);
            return "https://secrets.example.test/" + name;
        });
        try {
            VigilConfig config = loader.load(file);
            assertFalse(config.probes().isEmpty(), example + " has no probes");
        } catch (ConfigException e) {
            fail(example + " is not a valid config:\n" + e.getMessage());
        }
        assertEquals(referenced, looked, example + ": the environment variables it names, each looked up");
    }

    @Test
    void findsEveryKindOfExample() throws IOException {
        List<String> origins = examples().stream().map(Example::origin).toList();
        for (String expected : List.of("probes.example.json", "examples/outputs.example.json",
                "examples/kubernetes/configmap.yaml:", "docs/configuration.md:")) {
            assertTrue(origins.stream().anyMatch(o -> o.startsWith(expected)), expected + " not among " + origins);
        }
    }

    /** Fragments (a {@code "dns": {…}} or {@code "outputs": {…}} member) are at least well-formed JSON members. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("markdownJsonBlocks")
    void everyJsonBlockOfTheDocsIsJson(Example block) {
        ObjectMapper json = new ObjectMapper();
        try {
            json.readTree(block.json());
        } catch (JsonProcessingException whole) {
            try {
                json.readTree("{" + block.json() + "}");
            } catch (JsonProcessingException members) {
                fail(block + " is neither JSON nor JSON members: " + whole.getOriginalMessage());
            }
        }
    }

    static List<Example> markdownJsonBlocks() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(REPO.resolve("README.md")));
        pages.addAll(files("docs", ".md"));
        List<Example> blocks = new ArrayList<>();
        for (Path page : pages) {
            String text = Files.readString(page);
            Matcher block = JSON_BLOCK.matcher(text);
            while (block.find()) {
                blocks.add(new Example(name(page) + ":" + line(text, block.start()), block.group(1)));
            }
        }
        return blocks;
    }

    private static List<Path> files(String dir, String suffix) throws IOException {
        if (!Files.isDirectory(REPO.resolve(dir))) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(REPO.resolve(dir))) {
            return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String name(Path file) {
        return file.toString().replace('\\', '/');
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
