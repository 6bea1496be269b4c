package dev.vigil.probe.starttls;

import java.io.IOException;

/** POP3 (RFC 2595 §4): greeting {@code +OK}, {@code CAPA} listing STLS up to a lone dot, {@code STLS} → +OK. */
final class Pop3 implements Dialect {
    /** Capability lines read before the closing dot. */
    static final int MAX_CAPABILITIES = 100;

    @Override
    public void negotiate(Wire wire) throws IOException {
        String greeting = wire.readLine();
        if (greeting.startsWith("-ERR")) {
            throw Dialect.refusedSession(wire, Quoted.of(greeting));
        }
        if (!greeting.startsWith("+OK")) {
            throw wire.protocolError("greeted outside the protocol: " + Quoted.of(greeting));
        }
        wire.sendLine("CAPA");
        String capa = wire.readLine();
        if (capa.startsWith("-ERR")) {
            throw Dialect.notOffered(wire, "it answered CAPA with " + Quoted.of(capa));
        }
        if (!capa.startsWith("+OK")) {
            throw wire.protocolError("answered CAPA with " + Quoted.of(capa));
        }
        if (!listsStls(wire)) {
            throw Dialect.notOffered(wire, "its CAPA list has no STLS");
        }
        wire.sendLine("STLS");
        String answer = wire.readLine();
        if (answer.startsWith("+OK")) {
            return;
        }
        if (answer.startsWith("-ERR")) {
            throw Dialect.refused(wire, Quoted.of(answer));
        }
        throw wire.protocolError("answered STLS with " + Quoted.of(answer));
    }

    /** Reads the capability lines up to the lone dot. */
    private static boolean listsStls(Wire wire) throws IOException {
        boolean stls = false;
        for (int i = 0; i <= MAX_CAPABILITIES; i++) {
            String line = wire.readLine();
            if (line.equals(".")) {
                return stls;
            }
            // A line that starts with a dot is sent with one more (dot-stuffing); no capability starts with one.
            stls |= Dialect.firstWordIs(line, "STLS");
        }
        throw wire.protocolError("sent more than " + MAX_CAPABILITIES + " CAPA lines without the closing dot");
    }
}
