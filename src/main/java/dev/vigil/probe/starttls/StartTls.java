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
    SMTP("smtp", 587),
    IMAP("imap", 143),
    POP3("pop3", 110),
    FTP("ftp", 21),
    LDAP("ldap", 389),
    POSTGRES("postgres", 5432);

    private final String id;
    private final int defaultPort;

    StartTls(String id, int defaultPort) {
        this.id = id;
        this.defaultPort = defaultPort;
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
     * past it throws {@link java.net.SocketTimeoutException}).
     *
     * @param host the name the client asks for, where the protocol sends one (SMTP's EHLO names the client instead)
     * @throws StartTlsException when the server does not offer STARTTLS, refuses it, or answers outside the protocol
     * @throws IOException       when the connection fails or times out
     */
    public void negotiate(Socket socket, String host, Deadline deadline) throws IOException {
        throw new UnsupportedOperationException("not yet implemented: " + id);
    }
}
