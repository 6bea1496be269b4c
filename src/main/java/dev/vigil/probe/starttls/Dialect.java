package dev.vigil.probe.starttls;

import java.io.IOException;
import java.util.Locale;

/** One protocol's plain-text road to TLS: returns once the server has said to start, throws otherwise. */
sealed interface Dialect permits Smtp, Imap, Pop3, Ftp, Ldap, Postgres {
    void negotiate(Wire wire) throws IOException;

    static StartTlsException notOffered(Wire wire, String why) {
        return new StartTlsException(StartTlsException.Reason.NOT_OFFERED,
                "the " + wire.protocol() + " server does not offer STARTTLS: " + why);
    }

    /** The server answered the request to start TLS with an error, quoted in {@code answer}. */
    static StartTlsException refused(Wire wire, String answer) {
        return new StartTlsException(StartTlsException.Reason.REFUSED,
                "the " + wire.protocol() + " server refused STARTTLS: " + answer);
    }

    /** The server turned the session away before STARTTLS could be asked for. */
    static StartTlsException refusedSession(Wire wire, String answer) {
        return new StartTlsException(StartTlsException.Reason.REFUSED,
                "the " + wire.protocol() + " server refused the session: " + answer);
    }

    /** Whether {@code line}'s first word is {@code keyword}, ignoring case: {@code STARTTLS} in {@code starttls}. */
    static boolean firstWordIs(String line, String keyword) {
        String word = line.strip().split("\\s+", 2)[0];
        return word.toUpperCase(Locale.ROOT).equals(keyword);
    }
}
