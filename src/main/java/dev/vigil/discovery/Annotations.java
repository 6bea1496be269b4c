package dev.vigil.discovery;

import dev.vigil.config.ProbeTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code vigil.dev/} annotations a route object may carry: whether it is probed, the path, and settings merged
 * over the source's template. An unknown {@code vigil.dev/} annotation is an error, as an unknown config key is: a
 * typo must not pass for a setting.
 */
final class Annotations {
    static final String PREFIX = "vigil.dev/";
    /** {@code "true"} or {@code "false"}: probe this object or not. */
    static final String PROBE = PREFIX + "probe";
    /** The path probed on each host, {@code /} when absent. */
    static final String PATH = PREFIX + "path";
    /** The annotations that set a probe key, by name. */
    static final Map<String, String> SETTINGS = Map.of(
            PREFIX + "expect-status", "expectStatus",
            PREFIX + "interval", "interval",
            PREFIX + "timeout", "timeout",
            PREFIX + "body-match", "expectBodyMatches",
            PREFIX + "fail-if-body-matches", "failIfBodyMatches",
            PREFIX + "labels", "labels",
            PREFIX + "method", "method");
    /** A path longer than this is no health path. */
    static final int MAX_PATH_CHARS = 1024;

    /**
     * What the annotations say.
     *
     * @param path     the path, starting with {@code /}
     * @param settings the settings over the template
     * @param problems the annotations at fault, each said with why; empty when all are right
     */
    record Read(String path, List<ProbeTemplate.Setting> settings, List<String> problems) {
    }

    private Annotations() {
    }

    /**
     * Why an object with {@code annotations} is not probed, or null when it is.
     *
     * @param optIn only objects annotated {@code vigil.dev/probe: "true"} are probed
     */
    static String excluded(Map<String, String> annotations, boolean optIn) {
        String probe = annotations.get(PROBE);
        if (probe == null) {
            return optIn ? "not annotated " + PROBE + ": \"true\", and its source probes only objects that are" : null;
        }
        return switch (probe.strip()) {
            case "true" -> null;
            case "false" -> "annotated " + PROBE + ": \"false\"";
            default -> "annotation " + PROBE + ": '" + probe + "' is neither \"true\" nor \"false\"";
        };
    }

    static Read read(Map<String, String> annotations) {
        String path = "/";
        List<ProbeTemplate.Setting> settings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> annotation : new TreeMap<>(annotations).entrySet()) {
            String name = annotation.getKey();
            String value = annotation.getValue();
            if (!name.startsWith(PREFIX) || name.equals(PROBE)) {
                continue;
            }
            if (name.equals(PATH)) {
                String problem = pathProblem(value);
                if (problem == null) {
                    path = value;
                } else {
                    problems.add("annotation " + PATH + ": " + problem);
                }
            } else if (SETTINGS.containsKey(name)) {
                settings.add(new ProbeTemplate.Setting(SETTINGS.get(name), value, "annotation " + name));
            } else {
                problems.add("unknown annotation " + name + "; Vigil reads " + PROBE + ", " + PATH + ", "
                        + String.join(", ", new TreeMap<>(SETTINGS).keySet()));
            }
        }
        return new Read(path, settings, problems);
    }

    private static String pathProblem(String path) {
        if (!path.startsWith("/")) {
            return "'" + shortened(path) + "' must start with /";
        }
        if (path.length() > MAX_PATH_CHARS) {
            return "longer than " + MAX_PATH_CHARS + " characters";
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return "'" + shortened(path) + "' holds a space or a character a URL cannot carry; percent-encode it";
        }
        return null;
    }

    private static String shortened(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
