package dev.vigil.dns;

import java.util.List;
import java.util.Objects;

/**
 * A DNS message as read from the wire (RFC 1035 §4.1): the header's fields, the questions, and the answer and
 * authority records of the types Vigil reads. Queries and responses alike.
 *
 * @param id            the 16-bit ID that pairs a response with its query
 * @param response      the QR bit
 * @param opcode        the OPCODE, 0 for a standard query
 * @param authoritative the AA bit
 * @param truncated     the TC bit: the answer did not fit, ask again over TCP
 * @param rcode         the RCODE
 * @param questions     the question section
 * @param answers       the answer section, records of other types or classes than IN left out
 * @param authority     the authority section, likewise
 */
public record DnsMessage(int id, boolean response, int opcode, boolean authoritative, boolean truncated, int rcode,
        List<Question> questions, List<DnsRecord> answers, List<DnsRecord> authority) {
    public static final int FLAG_RESPONSE = 0x8000;
    public static final int FLAG_AUTHORITATIVE = 0x0400;
    public static final int FLAG_TRUNCATED = 0x0200;
    public static final int FLAG_RECURSION_DESIRED = 0x0100;
    public static final int FLAG_RECURSION_AVAILABLE = 0x0080;
    public static final int CLASS_IN = 1;
    public static final int HEADER_SIZE = 12;

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
    }

    /**
     * One question.
     *
     * @param name     the name asked about, lowercase, without a trailing dot
     * @param typeCode the TYPE code asked for, possibly one {@link RecordType} lacks
     */
    public record Question(String name, int typeCode) {
        public Question {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Reads the first {@code length} octets of {@code data}, every offset and length checked; reads no further, and
     * allocates nothing beyond what the message's octets describe.
     *
     * @throws DnsException naming the first problem and its offset, e.g. {@code compression loop at offset 37}
     */
    public static DnsMessage parse(byte[] data, int length) throws DnsException {
        Objects.checkFromIndexSize(0, length, data.length);
        return new DnsParser(data, length).message();
    }

    /** A standard query with recursion desired: one question, class IN. {@code name} must be a valid DNS name. */
    public static byte[] encodeQuery(int id, String name, RecordType type) {
        return new DnsWriter().u16(id).u16(FLAG_RECURSION_DESIRED).u16(1).u16(0).u16(0).u16(0)
                .name(name).u16(type.code).u16(CLASS_IN).toByteArray();
    }

    /** Whether this is the answer to {@code name} / {@code type}: a response with exactly that one question. */
    public boolean isAnswerTo(String name, RecordType type) {
        return response && opcode == 0 && questions.size() == 1 && questions.getFirst().name().equals(name)
                && questions.getFirst().typeCode() == type.code;
    }
}
