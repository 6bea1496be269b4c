package dev.vigil.dns;

import dev.vigil.files.BoundedFiles;
import dev.vigil.net.IpLiterals;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The name servers of a resolv.conf(5) file: the address of each {@code nameserver} line, on port 53. As in the C
 * library, {@code #} and {@code ;} start a comment, a line whose address is not an IP literal is skipped, and only the
 * first word after the keyword counts.
 */
public final class ResolvConf {
    /** Where the system's resolver configuration lives. */
    public static final Path SYSTEM_FILE = Path.of("/etc/resolv.conf");

    private static final int DNS_PORT = 53;
    /** A real one is a few hundred bytes; read on every run of a probe that names no resolver, so kept small. */
    private static final long MAX_BYTES = 64 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private ResolvConf() {
    }

    /** The name servers in {@code text}, in file order; empty when there are none. */
    public static List<InetSocketAddress> parse(String text) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String[] words = line.split("[#;]", 2)[0].strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                try {
                    servers.add(new InetSocketAddress(IpLiterals.parse(words[1]), DNS_PORT));
                } catch (IllegalArgumentException e) {
                    // Not an address (or a scope naming no interface here): the C library skips such lines too.
                }
            }
        }
        return List.copyOf(servers);
    }

    /** The name servers of {@code /etc/resolv.conf}. */
    public static List<InetSocketAddress> system() throws DnsException {
        return read(SYSTEM_FILE);
    }

    /**
     * The name servers of {@code file}.
     *
     * @throws DnsException when the file cannot be read or names no server: no 127.0.0.1 is assumed, as the C
     *                      library does, so that a broken configuration shows instead of a guess
     */
    public static List<InetSocketAddress> read(Path file) throws DnsException {
        String text;
        try {
            text = new String(BoundedFiles.read(file, MAX_BYTES, READ_TIMEOUT), StandardCharsets.UTF_8);
        } catch (BoundedFiles.UnreadableFileException e) {
            throw new DnsException("cannot read " + e.getMessage(), e);
        }
        List<InetSocketAddress> servers = parse(text);
        if (servers.isEmpty()) {
            throw new DnsException("no nameserver line with an IP address in " + file);
        }
        return servers;
    }
}
