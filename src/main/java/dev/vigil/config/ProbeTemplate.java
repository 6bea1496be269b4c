package dev.vigil.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The probe a discovered host starts from ({@code discovery.sources[].template}, seen through {@code defaults}), and
 * the making of one probe from it: its name and URL, and settings given as text (from annotations) merged over the
 * template. The settings are checked by the very code that checks a probe in the file, so each means the same and
 * fails the same; a failure is a list of located messages, not an exception. Thread-safe.
 */
public final class ProbeTemplate {
    /** The keys a setting may set, with how its text is written; {@code labels} merge with the template's. */
    public static final Map<String, String> SETTING_KEYS = Map.of(
            "expectStatus", "status codes or ranges separated by commas, e.g. 200,301-302",
            "interval", "a duration, e.g. 30s",
            "timeout", "a duration, e.g. 5s",
            "expectBodyMatches", "one regular expression",
            "failIfBodyMatches", "one regular expression",
            "labels", "name=value pairs separated by commas, e.g. team=shop,tier=web",
            "method", "an HTTP method, e.g. HEAD");
    /** Far above any real setting; an annotation may hold 256 KiB. */
    static final int MAX_SETTING_CHARS = 1024;
    private static final Set<String> LISTS = Set.of("expectStatus");
    private static final Set<String> ONE_ITEM_LISTS = Set.of("expectBodyMatches", "failIfBodyMatches");
    private static final JsonPath SETTINGS = JsonPath.ROOT.child("settings");

    /**
     * One setting of one discovered probe.
     *
     * @param key    the probe key it sets, one of {@link #SETTING_KEYS}
     * @param text   its value as written
     * @param source where it was written, as messages name it, e.g. {@code annotation vigil.dev/interval}
     */
    public record Setting(String key, String text, String source) {
    }

    /** What making a probe gives: the probe, or why there is none. */
    public sealed interface Outcome {
        /** The probe. */
        record Made(ProbeConfig probe) implements Outcome {
        }

        /** No probe: each problem names the setting (or template key) at fault. */
        record Refused(List<String> problems) implements Outcome {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    private final Path file;
    private final ObjectNode defaults;
    private final ObjectNode template;
    private final Function<String, String> environment;

    ProbeTemplate(Path file, ObjectNode defaults, ObjectNode template, Function<String, String> environment) {
        this.file = file;
        this.defaults = defaults;
        this.template = template;
        this.environment = environment;
    }

    /** The probe {@code name} at {@code url}: the template with {@code settings} over it, later settings winning. */
    public Outcome make(String name, URI url, List<Setting> settings) {
        Problems problems = new Problems(file);
        Map<String, String> sources = new HashMap<>();
        Map<String, Member> members = new LinkedHashMap<>();
        template.members().forEach(m -> members.put(m.key(), m));
        members.put("url", member("url", new ValueNode(SETTINGS.child("url"), 0, 0, JsonToken.VALUE_STRING,
                url.toString())));
        List<String> refused = new ArrayList<>();
        for (Setting setting : settings) {
            String problem = problem(setting);
            if (problem != null) {
                refused.add(setting.source() + ": " + problem);
                continue;
            }
            JsonPath place = SETTINGS.child(setting.key());
            sources.put(place.toString(), setting.source());
            members.put(setting.key(), member(setting.key(), node(place, setting, members.get(setting.key()))));
        }
        if (!refused.isEmpty()) {
            return new Outcome.Refused(refused);
        }
        ObjectNode probe = new ObjectNode(template.place(), template.line(), template.column(),
                List.copyOf(members.values()));
        Path baseDir = file.toAbsolutePath().getParent();
        ProbeConfig made = new ProbeParser(problems, new References(environment, baseDir, problems), baseDir)
                .parse(defaults, probe, name);
        try {
            problems.throwIfAny();
        } catch (ConfigException e) {
            return new Outcome.Refused(e.errors().stream().map(error -> located(error, sources)).toList());
        }
        return new Outcome.Made(made);
    }

    private static String problem(Setting setting) {
        if (!SETTING_KEYS.containsKey(setting.key())) {
            return "'" + setting.key() + "' cannot be set per probe; one of " + String.join(", ",
                    SETTING_KEYS.keySet().stream().sorted().toList()) + " can";
        }
        if (setting.text().length() > MAX_SETTING_CHARS) {
            return "longer than " + MAX_SETTING_CHARS + " characters";
        }
        if (setting.key().equals("labels") && !setting.text().isBlank()) {
            for (String pair : setting.text().split(",")) {
                if (!pair.contains("=")) {
                    return "'" + pair.strip() + "' is no name=value pair; write e.g. team=shop,tier=web";
                }
            }
        }
        return null;
    }

    /** The message of {@code error}, said of the setting it comes from, or of the template key. */
    private static String located(ConfigError error, Map<String, String> sources) {
        String path = error.jsonPath();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (path.equals(source.getKey()) || path.startsWith(source.getKey() + ".")
                    || path.startsWith(source.getKey() + "[")) {
                return source.getValue() + ": " + error.message();
            }
        }
        return (error.line() > 0 ? error.describe() : path + ": " + error.message());
    }

    private static Member member(String key, ConfigNode value) {
        return new Member(key, value.line(), value.column(), value);
    }

    /** The node {@code setting} stands for, as if written in the probe; labels keep the template's. */
    private static ConfigNode node(JsonPath place, Setting setting, Member inTemplate) {
        String text = setting.text().strip();
        if (LISTS.contains(setting.key())) {
            String[] parts = text.split(",", -1);
            List<ConfigNode> items = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                items.add(string(place.item(i), parts[i].strip()));
            }
            return new ArrayNode(place, 0, 0, items);
        }
        if (ONE_ITEM_LISTS.contains(setting.key())) {
            return new ArrayNode(place, 0, 0, List.of(string(place.item(0), setting.text())));
        }
        if (setting.key().equals("labels")) {
            Map<String, Member> labels = new LinkedHashMap<>();
            if (inTemplate != null && inTemplate.value() instanceof ObjectNode own) {
                own.members().forEach(m -> labels.put(m.key(), m));
            }
            for (String pair : text.isEmpty() ? new String[0] : text.split(",")) {
                int equals = pair.indexOf('=');
                String name = (equals < 0 ? pair : pair.substring(0, equals)).strip();
                String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
                labels.put(name, member(name, string(place.child(name), value)));
            }
            return new ObjectNode(place, 0, 0, List.copyOf(labels.values()));
        }
        return string(place, text);
    }

    private static ValueNode string(JsonPath place, String text) {
        return new ValueNode(place, 0, 0, JsonToken.VALUE_STRING, text);
    }
}
