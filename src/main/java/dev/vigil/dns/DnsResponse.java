package dev.vigil.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A DNS server's answer to one question.
 *
 * @param server        who answered
 * @param name          the name asked about, lowercase, without a trailing dot
 * @param type          the type asked for
 * @param rcode         the response code: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, …
 * @param authoritative the AA bit: the server is authoritative for the name
 * @param answers       the answer section, in order (records of types Vigil does not read left out)
 * @param authority     the authority section (NS and SOA records)
 * @param took          how long the query took, retries and a TCP retry included
 * @param overTcp       whether the answer came over TCP after a truncated UDP answer
 */
public record DnsResponse(InetSocketAddress server, String name, RecordType type, int rcode, boolean authoritative,
        List<DnsRecord> answers, List<DnsRecord> authority, Duration took, boolean overTcp) {
    public static final int NOERROR = 0;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int REFUSED = 5;

    public DnsResponse {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(took, "took");
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
    }

    /** The response code as a name, e.g. {@code NXDOMAIN}, or {@code RCODE 9}. */
    public String rcodeName() {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case 1 -> "FORMERR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case REFUSED -> "REFUSED";
            default -> "RCODE " + rcode;
        };
    }
}
