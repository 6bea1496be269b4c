package dev.vigil.probe.http;

import dev.vigil.probe.Failure;
import dev.vigil.probe.Header;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the credentials a probe sends from anything quoted from its target, since a target may echo its request
 * (a debug endpoint, an error page) into a body snippet, a Location header or a malformed line, and failure messages
 * go to the log, Slack, webhooks and {@code vigil probe}. A header is a credential when its value came from a
 * {@code ${…}} reference or its name says so (Authorization, Cookie, …); its whole value is hidden, and so are the
 * parts a target might echo alone: the credential after an auth scheme ({@code Bearer X} → {@code X}), a Basic
 * credential decoded, each cookie's value, and each of those URL-encoded. Parts shorter than
 * {@value #MIN_PART} characters are left alone: they are not credentials worth hiding and would mask half a message.
 */
final class Redactor {
    static final String MASK = "***";
    static final int MIN_PART = 4;
    private static final Set<String> CREDENTIAL_NAMES = Set.of("authorization", "proxy-authorization", "cookie");
    private static final List<String> CREDENTIAL_WORDS = List.of("token", "secret", "password", "passwd", "api-key",
            "apikey", "auth", "session", "credential");

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** The redactor for a probe sending {@code headers}. */
    static Redactor of(List<Header> headers) {
        Set<String> secrets = new LinkedHashSet<>();
        for (Header h : headers) {
            if (h.secret() || isCredentialName(h.name())) {
                add(secrets, h.value(), 1);
                parts(h.name(), h.value()).forEach(part -> add(secrets, part, MIN_PART));
            }
        }
        // Longest first, so a value is hidden whole before any part of it is looked for.
        return new Redactor(secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    static boolean isCredentialName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_NAMES.contains(lower) || CREDENTIAL_WORDS.stream().anyMatch(lower::contains);
    }

    /** {@code text} with every credential replaced by {@value #MASK}; null stays null. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    Failure redact(Failure failure) {
        return failure == null ? null : new Failure(failure.kind(), redact(failure.message()));
    }

    private static List<String> parts(String name, String value) {
        String trimmed = value.strip();
        if (name.equalsIgnoreCase("cookie")) {
            return List.of(trimmed.split(";")).stream()
                    .map(pair -> pair.indexOf('=') < 0 ? pair : pair.substring(pair.indexOf('=') + 1))
                    .map(String::strip).toList();
        }
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return List.of(trimmed);
        }
        String credential = trimmed.substring(space + 1).strip();
        if (!trimmed.substring(0, space).equalsIgnoreCase("basic")) {
            return List.of(trimmed, credential);
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? List.of(trimmed, credential, decoded) : List.of(trimmed, credential, decoded, decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return List.of(trimmed, credential);
        }
    }

    private static void add(Set<String> secrets, String value, int minLength) {
        if (value.length() >= minLength) {
            secrets.add(value);
            secrets.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
