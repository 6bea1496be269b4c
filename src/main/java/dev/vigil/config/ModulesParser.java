package dev.vigil.config;

import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.TlsSpec;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code modules} object: each member a probe template for {@code /probe}, named by its key,
 * with the keys of a probe (through {@code defaults}, like a probe) less its name, URL and interval, plus
 * {@code prober} (the kind, {@code http} by default) and {@code allowedTargets}.
 */
final class ModulesParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** The placeholder targets the templates are built with; {@code /probe} swaps in the real one. */
    private static final Map<String, URI> PLACEHOLDERS = Map.of(
            HttpSpec.KIND, URI.create("http://target/"),
            TlsSpec.SCHEME, URI.create("tls://target:443"));
    /** The keys of one module. */
    static final Keys KEYS = moduleKeys();

    private final Problems problems;
    private final Typed typed;
    private final ProbeParser probes;

    ModulesParser(Problems problems, ProbeParser probes) {
        this.problems = problems;
        this.typed = new Typed(problems);
        this.probes = probes;
    }

    /** The modules by name in file order; those with a problem are reported and left out. */
    Map<String, ProbeModule> parse(ObjectNode defaults, ConfigNode node) {
        ObjectNode object = typed.object(node);
        Map<String, ProbeModule> modules = new LinkedHashMap<>();
        for (Member member : object == null ? List.<Member>of() : object.members()) {
            String name = member.key();
            if (!NAME.matcher(name).matches()) {
                problems.add(member, name.isEmpty() ? "module name must not be empty"
                        : "module name '" + name + "' may only contain letters, digits, '.', '_' and '-'");
                continue;
            }
            ObjectNode module = typed.object(member.value());
            if (module == null) {
                continue;
            }
            KEYS.check(module, problems);
            String kind = module.get("prober") == null ? HttpSpec.KIND : typed.string(module.get("prober"));
            URI placeholder = kind == null ? null : PLACEHOLDERS.get(kind);
            if (kind != null && placeholder == null) {
                problems.add(module.get("prober"), "prober '" + kind + "' is not one of http, tls");
            }
            List<AllowedTarget> allowed = allowedTargets(module);
            ProbeConfig template = placeholder == null ? null : probes.parseModule(defaults, module, name, placeholder);
            if (template != null && allowed != null) {
                modules.put(name, new ProbeModule(name, template, allowed));
            }
        }
        return modules;
    }

    private List<AllowedTarget> allowedTargets(ObjectNode module) {
        ConfigNode node = module.get("allowedTargets");
        if (node == null) {
            return List.of();
        }
        return typed.list(typed.array(node), item -> typed.parsed(item, AllowedTarget::parse));
    }

    private static Keys moduleKeys() {
        Keys probe = ProbeParser.KEYS.refusing(Map.of(
                "name", "'name' is not allowed in a module: the module's key names it",
                "url", "'url' is not allowed in a module: the target comes with each /probe request",
                "interval", "'interval' is not allowed in a module: it runs when /probe is asked, at the scraping"
                        + " job's scrape_interval"));
        Set<String> allowed = new HashSet<>(probe.allowed());
        allowed.addAll(Set.of("prober", "allowedTargets"));
        return new Keys(allowed, probe.refused(), probe.objects());
    }
}
