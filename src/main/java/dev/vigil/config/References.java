package dev.vigil.config;

import dev.vigil.config.ConfigNode.ArrayNode;
import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import dev.vigil.config.ConfigNode.ValueNode;
import dev.vigil.files.BoundedFiles;
import dev.vigil.files.BoundedFiles.UnreadableFileException;
import dev.vigil.output.Secret;
import dev.vigil.probe.Header;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} (environment variable) and {@code ${file:PATH}} (file content, one trailing newline
 * trimmed) references. They hold secrets, so they are allowed only in header values and in the secrets of
 * {@code outputs} (see {@link #rejectElsewhere}), and no message quotes a value.
 */
final class References {
    private static final String OPEN = "${";
    private static final String FILE_PREFIX = "file:";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // The exact paths of header values ($.defaults.headers.X, $.probes[3].headers['X-Key']) and of output secrets.
    private static final Pattern ALLOWED = Pattern.compile("\\$\\.(defaults|probes\\[\\d+]|modules(\\.\\w+|\\['[^']*'])|discovery\\.sources\\[\\d+]\\.template)\\.headers(\\.[^.\\[]+|\\['.*'])"
            + "|\\$\\.outputs\\.(slack\\[\\d+]\\.webhookUrl|webhooks\\[\\d+]\\.url|alertmanager\\[\\d+]\\.urls\\[\\d+]|pushgateway\\.(basicAuth\\.password|bearerToken))");

    /** A token, key or webhook URL is well under 1 KiB. */
    static final long MAX_FILE_BYTES = 64 << 10;

    /** A referenced file's text (one trailing newline trimmed), or why it cannot be used. */
    private record FileText(String text, String problem) {
    }

    private final Function<String, String> environment;
    private final Path baseDir;
    private final Problems problems;
    private final Typed typed;
    /**
     * Each file is read once per load, however many probes inherit the header naming it: 10,000 probes must not mean
     * 10,000 reads, nor 10,000 deadlines when the file hangs.
     */
    private final Map<Path, FileText> files = new HashMap<>();

    References(Function<String, String> environment, Path baseDir, Problems problems) {
        this.environment = environment;
        this.baseDir = baseDir;
        this.problems = problems;
        this.typed = new Typed(problems);
    }

    /**
     * The header {@code name} with every reference in the string {@code node} expanded, secret when it had any;
     * null after reporting one that cannot be resolved.
     */
    Header header(String name, ValueNode node) {
        String value = expand(node, "header value");
        try {
            return value == null ? null : new Header(name, value, node.text().contains(OPEN));
        } catch (IllegalArgumentException e) {
            // Header's own rules (e.g. no line breaks); its message never quotes the value.
            problems.add(node, e.getMessage());
            return null;
        }
    }

    /**
     * The string {@code node} with every reference expanded; null after reporting one that cannot be resolved.
     * {@code what} names the value in those reports, e.g. "header value" or "password".
     */
    private String expand(ValueNode node, String what) {
        String text = node.text();
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, from)) {
            int close = text.indexOf('}', open);
            if (close < 0) {
                problems.add(node, "unterminated '${' reference in " + what);
                return null;
            }
            String replacement = resolve(node, what, text.substring(open + OPEN.length(), close));
            if (replacement == null) {
                return null;
            }
            out.append(text, from, open).append(replacement);
            from = close + 1;
        }
        return out.append(text.substring(from)).toString();
    }

    /**
     * The secret {@code what} (e.g. "password") the string {@code node} holds, references expanded; null after
     * reporting it. It must not be empty nor hold control characters, which no header or URL could carry.
     */
    Secret secret(ConfigNode node, String what) {
        String value = typed.string(node) == null ? null : expand((ValueNode) node, what);
        if (value != null && (value.isEmpty() || value.chars().anyMatch(Character::isISOControl))) {
            problems.add(node, what + " must not be empty nor contain control characters such as line breaks");
            return null;
        }
        return value == null ? null : new Secret(value);
    }

    private String resolve(ValueNode node, String what, String reference) {
        if (reference.startsWith(FILE_PREFIX)) {
            return readFile(node, what, reference.substring(FILE_PREFIX.length()));
        }
        if (!ENV_NAME.matcher(reference).matches()) {
            problems.add(node, "'${" + reference + "}' is not a valid reference; write ${NAME} or ${file:PATH}");
            return null;
        }
        String value = environment.apply(reference);
        if (value == null) {
            problems.add(node, "environment variable '" + reference + "' is not set");
        }
        return value;
    }

    private String readFile(ValueNode node, String what, String path) {
        FileText file = files.computeIfAbsent(baseDir.resolve(path).normalize(), References::read);
        if (file.problem() != null) {
            problems.add(node, "cannot read file '" + path + "' referenced in " + what + " (" + file.problem() + ")");
        }
        return file.text();
    }

    private static FileText read(Path file) {
        String content;
        try {
            byte[] bytes = BoundedFiles.read(file, MAX_FILE_BYTES, ConfigLoader.READ_TIMEOUT);
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (UnreadableFileException e) {
            return new FileText(null, e.reason());
        } catch (CharacterCodingException e) {
            return new FileText(null, "not UTF-8 text");
        }
        return new FileText(content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content, null);
    }

    /** Reports every string that contains a reference where none is allowed. */
    static void rejectElsewhere(ConfigNode node, Problems problems) {
        switch (node) {
            case ObjectNode o -> o.members().stream().map(Member::value).forEach(v -> rejectElsewhere(v, problems));
            case ArrayNode a -> a.items().forEach(v -> rejectElsewhere(v, problems));
            case ValueNode v -> {
                if (v.isString() && v.text().contains(OPEN) && !ALLOWED.matcher(v.path()).matches()) {
                    problems.add(v, "${…} references are only allowed in header values and in the secrets of outputs"
                            + " (webhookUrl, a webhook's url, an Alertmanager's urls, password, bearerToken)");
                }
            }
        }
    }
}
