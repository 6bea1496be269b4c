package dev.vigil.probe.starttls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IMAP (RFC 9051 §6.2.1): greeting {@code * OK}, {@code a1 CAPABILITY} listing STARTTLS, then {@code a2 STARTTLS}
 * answered {@code a2 OK}.
 */
final class Imap implements Dialect {
    /** Untagged lines tolerated before a command's tagged answer. */
    static final int MAX_LINES = 100;

    @Override
    public void negotiate(Wire wire) throws IOException {
        String greeting = wire.readLine();
        String status = upper(greeting);
        if (status.startsWith("* BYE")) {
            throw Dialect.refusedSession(wire, Quoted.of(greeting));
        }
        if (status.startsWith("* PREAUTH")) {
            throw Dialect.notOffered(wire, "it greets as already logged in, where STARTTLS is not allowed: "
                    + Quoted.of(greeting));
        }
        if (!status.startsWith("* OK")) {
            throw wire.protocolError("greeted outside the protocol: " + Quoted.of(greeting));
        }
        wire.sendLine("a1 CAPABILITY");
        List<String> capabilities = new ArrayList<>();
        String done = tagged(wire, "a1", capabilities);
        if (!upper(done).startsWith("OK")) {
            throw wire.protocolError("answered CAPABILITY with " + Quoted.of("a1 " + done));
        }
        if (!capabilities.contains("STARTTLS")) {
            throw Dialect.notOffered(wire, "its capabilities lack STARTTLS: "
                    + Quoted.of("* CAPABILITY " + String.join(" ", capabilities)));
        }
        wire.sendLine("a2 STARTTLS");
        String answer = tagged(wire, "a2", new ArrayList<>());
        String verdict = upper(answer);
        if (verdict.startsWith("OK")) {
            return;
        }
        if (verdict.startsWith("NO") || verdict.startsWith("BAD")) {
            throw Dialect.refused(wire, Quoted.of("a2 " + answer));
        }
        throw wire.protocolError("answered STARTTLS with " + Quoted.of("a2 " + answer));
    }

    /**
     * Reads up to the line tagged {@code tag} and returns what follows the tag; the words of any untagged
     * {@code * CAPABILITY} line go to {@code capabilities}, upper-cased.
     */
    private static String tagged(Wire wire, String tag, List<String> capabilities) throws IOException {
        for (int i = 0; i < MAX_LINES; i++) {
            String line = wire.readLine();
            if (line.startsWith(tag + " ")) {
                return line.substring(tag.length() + 1);
            }
            if (upper(line).startsWith("* CAPABILITY ")) {
                for (String word : line.substring("* CAPABILITY ".length()).trim().split("\\s+")) {
                    capabilities.add(upper(word));
                }
            }
        }
        throw wire.protocolError("sent " + MAX_LINES + " lines without answering " + tag);
    }

    private static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
