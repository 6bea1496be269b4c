package dev.vigil.probe.starttls;

import java.io.IOException;

/** SMTP (RFC 3207): greeting 220, {@code EHLO}, a 250 reply listing {@code STARTTLS}, then {@code STARTTLS} → 220. */
final class Smtp implements Dialect {
    /** The name the client gives in EHLO: a reserved domain (RFC 2606), so it can never be taken for a real host. */
    static final String CLIENT_NAME = "vigil.invalid";

    @Override
    public void negotiate(Wire wire) throws IOException {
        NumericReply greeting = NumericReply.read(wire);
        if (!greeting.is(220)) {
            throw Dialect.refusedSession(wire, greeting.quoted());
        }
        wire.sendLine("EHLO " + CLIENT_NAME);
        NumericReply ehlo = NumericReply.read(wire);
        if (!ehlo.is(250)) {
            throw Dialect.notOffered(wire, "it answered EHLO with " + ehlo.quoted());
        }
        // The first line of the EHLO reply names the server; the capabilities follow it.
        if (ehlo.texts().stream().skip(1).noneMatch(text -> Dialect.firstWordIs(text, "STARTTLS"))) {
            throw Dialect.notOffered(wire, "its EHLO reply lists no STARTTLS: " + ehlo.quoted());
        }
        wire.sendLine("STARTTLS");
        NumericReply answer = NumericReply.read(wire);
        if (answer.is(220)) {
            return;
        }
        if (answer.code() >= 400) {
            throw Dialect.refused(wire, answer.quoted());
        }
        throw wire.protocolError("answered STARTTLS with " + answer.quoted() + " instead of 220");
    }
}
