package dev.vigil.probe.starttls;

import dev.vigil.time.Deadline;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plain-text protocols that upgrade a connection to TLS in place, as {@code check_ssl_cert -P} and
 * {@code openssl s_client -starttls} speak them. {@link #id()} is the name in config ({@code starttls: smtp}) and flags.
 */
public enum StartTls {
    SMTP("smtp", 587, "SMTP", new Smtp()),
    IMAP("imap", 143, "IMAP", new Imap()),
    POP3("pop3", 110, "POP3", new Pop3()),
    FTP("ftp", 21, "FTP", new Ftp()),
    LDAP("ldap", 389, "LDAP", new Ldap()),
    POSTGRES("postgres", 5432, "PostgreSQL", new Postgres());

    private final String id;
    private final int defaultPort;
    private final String displayName;
    private final Dialect dialect;

    StartTls(String id, int defaultPort, String displayName, Dialect dialect) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.displayName = displayName;
        this.dialect = dialect;
    }

    /** The lower-case name, e.g. {@code smtp}. */
    public String id() {
        return id;
    }

    /** The port the protocol's STARTTLS is usually offered on, for a target that names none. */
    public int defaultPort() {
        return defaultPort;
    }

    /** @throws IllegalArgumentException naming the allowed values when {@code id} is none of them */
    public static StartTls parse(String id) {
        for (StartTls protocol : values()) {
            if (protocol.id.equals(id.toLowerCase(Locale.ROOT))) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown STARTTLS protocol '" + id + "'; expected one of "
                + Arrays.stream(values()).map(StartTls::id).collect(Collectors.joining(", ")));
    }

    /**
     * Speaks the protocol's plain-text opening on the connected {@code socket} until the server agrees to start TLS;
     * the caller then layers TLS over the same socket. Reads are bounded in bytes and end at {@code deadline} (a read
     * past it throws {@link java.net.SocketTimeoutException}). It never reads past the server's go-ahead, so whatever
     * the server sends after it reaches the TLS handshake: a server that agrees and then goes on in plain text fails
     * there, not here. Returning means the server said to start; it does not mean TLS works.
     *
     * @param host the name the client asks for, where the protocol sends one (none of these six does; SMTP's EHLO
     *             names the client instead)
     * @throws StartTlsException when the server does not offer STARTTLS, refuses it, or answers outside the protocol
     * @throws IOException       when the connection fails or times out
     */
    public void negotiate(Socket socket, String host, Deadline deadline) throws IOException {
        dialect.negotiate(new Wire(socket, deadline, displayName));
    }
}
