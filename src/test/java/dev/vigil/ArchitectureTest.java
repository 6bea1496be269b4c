package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dependencies point one way. A source scan of {@code src/main/java}: every {@code import} and fully qualified
 * {@code dev.vigil.} reference (a {@code {@link}} included) is an edge from the file's package to the one it names.
 * A top-level package may use only those below it in {@link #LAYERS}; inside one, a sub-package may use its parent
 * but a parent uses none of its sub-packages; and no two packages, at any level, reach each other. The package graph
 * is written to {@code target/package-graph.txt}.
 */
class ArchitectureTest {
    /** Top-level packages, lowest first: each may import only the ones before it. */
    static final List<String> LAYERS = List.of("fleet", "text", "log", "files", "time", "net", "dns", "lb", "probe", "cert",
            "alert", "output", "config", "discovery", "state", "web", "agent", "demo", "cli");

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path GRAPH = Path.of("target/package-graph.txt");
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.vigil\\.([a-z0-9.]+);", Pattern.MULTILINE);
    /** A package name is the lower-case parts before a class name (capitalised) or an import's {@code *}. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\bdev\\.vigil\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");
    /**
     * Text blocks, string and char literals: a message may name a class without depending on it. A char literal is
     * one character or one escape, so that the apostrophes of a comment are not taken for one.
     */
    private static final Pattern LITERAL = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\[^'\\n]{1,6}|[^'\\\\\\n])'");

    /** One file's use of another package: {@code reference} is the import or name as written. */
    record Edge(Path file, String from, String to, String reference) {
    }

    @Test
    void packagesImportOnlyWhatIsBelowThem() throws IOException {
        List<Edge> edges = edges();
        Files.createDirectories(GRAPH.getParent());
        Files.writeString(GRAPH, graph(edges));

        List<String> violations = violations(edges);

        assertTrue(violations.isEmpty(), violations.size() + " package dependencies point the wrong way (layers, lowest"
                + " first: " + String.join(" < ", LAYERS) + "; the graph is in " + GRAPH + "):\n"
                + String.join("\n", violations) + "\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "probe | net | ",
            "probe.http | probe | ",
            "probe.http | probe.tls | ",
            "probe.http | dns | ",
            "cert | state | cert imports state, a layer above it",
            "output.prometheus | config | output.prometheus imports config, a layer above it",
            "probe | probe.http | probe imports its own sub-package probe.http",
            "output | output.pushgateway | output imports its own sub-package output.pushgateway",
            "metrics | probe | metrics is in no layer: add it to ArchitectureTest.LAYERS",
            "probe | metrics | metrics is in no layer: add it to ArchitectureTest.LAYERS",
    })
    void judgesOneDependency(String from, String to, String expected) {
        assertEquals(Optional.ofNullable(expected), wrongWay(from, to));
    }

    @Test
    void findsPackagesThatReachEachOther() {
        Edge http = new Edge(Path.of("a/A.java"), "probe.http", "probe.tls", "dev.vigil.probe.tls.S");
        Edge tls = new Edge(Path.of("b/B.java"), "probe.tls", "probe.tcp", "dev.vigil.probe.tcp.T");
        Edge tcp = new Edge(Path.of("c/C.java"), "probe.tcp", "probe.http", "dev.vigil.probe.http.H");

        assertEquals(List.of(), violations(List.of(http, tls)));
        assertEquals(List.of("a/A.java: dev.vigil.probe.tls.S: probe.http imports probe.tls, which imports it back"
                        + " through probe.tls -> probe.tcp -> probe.http",
                "b/B.java: dev.vigil.probe.tcp.T: probe.tls imports probe.tcp, which imports it back"
                        + " through probe.tcp -> probe.http -> probe.tls",
                "c/C.java: dev.vigil.probe.http.H: probe.tcp imports probe.http, which imports it back"
                        + " through probe.http -> probe.tls -> probe.tcp"),
                violations(List.of(http, tls, tcp)));
    }

    /**
     * Why {@code from} may not use {@code to}, if it may not: empty for a lower layer, the package's own parent, or
     * a sibling (siblings are held only to {@link #violations}' no-cycle rule).
     */
    static Optional<String> wrongWay(String from, String to) {
        String fromTop = top(from);
        String toTop = top(to);
        for (String top : List.of(fromTop, toTop)) {
            if (!LAYERS.contains(top)) {
                return Optional.of(top + " is in no layer: add it to ArchitectureTest.LAYERS");
            }
        }
        if (!fromTop.equals(toTop)) {
            return LAYERS.indexOf(toTop) < LAYERS.indexOf(fromTop) ? Optional.empty()
                    : Optional.of(from + " imports " + to + ", a layer above it");
        }
        return to.startsWith(from + ".") ? Optional.of(from + " imports its own sub-package " + to) : Optional.empty();
    }

    /**
     * Every edge that goes the wrong way, then every other edge that closes a cycle, as {@code file: reference: why}.
     * Cycles are looked for among the edges that go the right way, so a wrong-way edge is named once, not again on
     * each edge it makes a cycle with.
     */
    static List<String> violations(List<Edge> edges) {
        List<String> out = new ArrayList<>();
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Edge> allowed = new ArrayList<>();
        for (Edge e : edges) {
            Optional<String> why = wrongWay(e.from(), e.to());
            why.ifPresent(w -> out.add(e.file() + ": " + e.reference() + ": " + w));
            if (why.isEmpty()) {
                allowed.add(e);
                uses.computeIfAbsent(e.from(), k -> new TreeSet<>()).add(e.to());
            }
        }
        for (Edge e : allowed) {
            path(uses, e.to(), e.from()).ifPresent(back -> out.add(e.file() + ": " + e.reference() + ": " + e.from()
                    + " imports " + e.to() + ", which imports it back through " + String.join(" -> ", back)));
        }
        return out;
    }

    /** The shortest chain of packages from {@code start} to {@code goal}, both included, if there is one. */
    private static Optional<List<String>> path(Map<String, Set<String>> uses, String start, String goal) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            if (at.equals(goal)) {
                List<String> chain = new ArrayList<>();
                for (String p = goal; p != null; p = cameFrom.get(p)) {
                    chain.addFirst(p);
                }
                return Optional.of(chain);
            }
            for (String next : uses.getOrDefault(at, Set.of())) {
                if (seen.add(next)) {
                    cameFrom.put(next, at);
                    queue.addLast(next);
                }
            }
        }
        return Optional.empty();
    }

    private static String top(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    /** One edge per file and package it names, sorted by file. */
    private static List<Edge> edges() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 100, "expected the main sources under " + SOURCES.toAbsolutePath());
        List<Edge> edges = new ArrayList<>();
        for (Path file : files) {
            String source = LITERAL.matcher(Files.readString(file)).replaceAll("\"\"");
            Matcher pkg = PACKAGE.matcher(source);
            assertTrue(pkg.find(), file + " has no dev.vigil package line");
            String from = pkg.group(1);
            Set<String> named = new HashSet<>();
            Matcher ref = REFERENCE.matcher(source);
            while (ref.find()) {
                String to = ref.group(1);
                if (!to.equals(from) && named.add(to)) {
                    edges.add(new Edge(file, from, to, referenceAt(source, ref.start())));
                }
            }
        }
        return edges;
    }

    /** The qualified name as written from {@code start}: {@code dev.vigil.state.VigilState}. */
    private static String referenceAt(String source, int start) {
        int end = start;
        while (end < source.length()
                && (Character.isJavaIdentifierPart(source.charAt(end)) || source.charAt(end) == '.'
                || source.charAt(end) == '*')) {
            end++;
        }
        String name = source.substring(start, end);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** {@code from -> to (n files)}, by package and then by top-level package. */
    private static String graph(List<Edge> edges) {
        StringBuilder out = new StringBuilder("# Package import graph of src/main/java (dev.vigil.), from the"
                + " source scan of ArchitectureTest\n# Layers, lowest first: " + String.join(" < ", LAYERS)
                + "\n\n## By package\n");
        counts(edges, e -> e.from() + " -> " + e.to()).forEach((edge, n) -> out.append(edge).append(files(n)));
        out.append("\n## By top-level package\n");
        counts(edges.stream().filter(e -> !top(e.from()).equals(top(e.to()))).toList(),
                e -> top(e.from()) + " -> " + top(e.to()))
                .forEach((edge, n) -> out.append(edge).append(files(n)));
        return out.toString();
    }

    private static Map<String, Long> counts(List<Edge> edges, Function<Edge, String> key) {
        return edges.stream().map(e -> Map.entry(key.apply(e), e.file())).distinct()
                .collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new, Collectors.counting()));
    }

    private static String files(long n) {
        return " (" + n + (n == 1 ? " file" : " files") + ")\n";
    }
}
