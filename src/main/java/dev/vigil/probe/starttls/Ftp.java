package dev.vigil.probe.starttls;

import java.io.IOException;

/** FTP (RFC 4217): greeting 220 (after any 120 "wait"), then {@code AUTH TLS} → 234. */
final class Ftp implements Dialect {
    /** How many 1xx "service ready in n minutes" replies may come before the 220. */
    static final int MAX_PRELIMINARY = 3;

    @Override
    public void negotiate(Wire wire) throws IOException {
        NumericReply greeting = NumericReply.read(wire);
        for (int waited = 0; greeting.code() < 200 && waited < MAX_PRELIMINARY; waited++) {
            greeting = NumericReply.read(wire);
        }
        if (!greeting.is(220)) {
            throw Dialect.refusedSession(wire, greeting.quoted());
        }
        wire.sendLine("AUTH TLS");
        NumericReply answer = NumericReply.read(wire);
        switch (answer.code()) {
            case 234 -> {
                return;
            }
            // Syntax error, not implemented, not implemented for that parameter: this server has no TLS.
            case 500, 502, 504 -> throw Dialect.notOffered(wire, "it answered AUTH TLS with " + answer.quoted());
            default -> {
                if (answer.code() >= 400) {
                    throw Dialect.refused(wire, answer.quoted());
                }
                throw wire.protocolError("answered AUTH TLS with " + answer.quoted() + " instead of 234");
            }
        }
    }
}
