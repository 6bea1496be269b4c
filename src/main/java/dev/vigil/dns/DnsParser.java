package dev.vigil.dns;

import dev.vigil.net.DnsSyntax;
import java.util.ArrayList;
import java.util.List;

/** Reads one DNS message with every length, count and offset checked against the message's size. */
final class DnsParser {
    private static final int MIN_QUESTION = 5;
    private static final int MIN_RECORD = 11;
    private static final int POINTER = 0xC0;
    /**
     * The most answer and authority records kept from one message. A 64 KiB message holds at most about 4,000 A
     * records anyway; the cap keeps what one answer can cost in memory explicit, whatever the transport.
     */
    static final int MAX_RECORDS = 4096;

    private final byte[] data;
    private final int length;
    private int pos;

    DnsParser(byte[] data, int length) {
        this.data = data;
        this.length = length;
    }

    DnsMessage message() throws DnsException {
        if (length < DnsMessage.HEADER_SIZE) {
            throw new DnsException("message of " + length + " bytes is shorter than a DNS header");
        }
        int id = u16();
        int flags = u16();
        int questionCount = u16();
        int answerCount = u16();
        int authorityCount = u16();
        int additionalCount = u16();
        if (answerCount + authorityCount > MAX_RECORDS) {
            throw new DnsException(answerCount + " answer and " + authorityCount + " authority records, more than the "
                    + MAX_RECORDS + " Vigil reads");
        }
        long least = (long) questionCount * MIN_QUESTION
                + (long) (answerCount + authorityCount + additionalCount) * MIN_RECORD;
        if (least > length - DnsMessage.HEADER_SIZE) {
            throw new DnsException("counts of " + questionCount + " questions and "
                    + (answerCount + authorityCount + additionalCount) + " records do not fit in " + length + " bytes");
        }
        List<DnsMessage.Question> questions = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) {
            String name = name();
            need(4, "question");
            questions.add(new DnsMessage.Question(name, u16()));
            u16(); // class
        }
        List<DnsRecord> answers = records(answerCount, "answer");
        List<DnsRecord> authority = records(authorityCount, "authority");
        records(additionalCount, "additional");
        return new DnsMessage(id, (flags & DnsMessage.FLAG_RESPONSE) != 0, (flags >>> 11) & 0xF,
                (flags & DnsMessage.FLAG_AUTHORITATIVE) != 0, (flags & DnsMessage.FLAG_TRUNCATED) != 0, flags & 0xF,
                questions, answers, authority);
    }

    private List<DnsRecord> records(int count, String section) throws DnsException {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int start = pos;
            String owner = name();
            need(10, section + " record");
            RecordType type = RecordType.ofCode(u16());
            int recordClass = u16();
            long ttl = u32();
            int dataLength = u16();
            need(dataLength, section + " record data of " + dataLength + " bytes");
            int dataEnd = pos + dataLength;
            if (type != null && recordClass == DnsMessage.CLASS_IN) {
                String where = section + " " + type + " record at offset " + start;
                // RFC 2181 §8: a TTL with the top bit set is read as zero.
                records.add(new DnsRecord(owner, type, ttl > Integer.MAX_VALUE ? 0 : ttl, data(type, dataEnd, where)));
            }
            pos = dataEnd;
        }
        return records;
    }

    private String data(RecordType type, int dataEnd, String where) throws DnsException {
        int dataLength = dataEnd - pos;
        return switch (type) {
            case A -> DnsSyntax.text(address(4, dataLength, where));
            case AAAA -> DnsSyntax.text(address(16, dataLength, where));
            case CNAME, NS -> {
                String target = name();
                if (pos != dataEnd) {
                    throw new DnsException(where + ": its name does not fill its " + dataLength + " bytes of data");
                }
                yield target;
            }
            case SOA -> {
                String primary = name();
                if (pos > dataEnd) {
                    throw new DnsException(where + ": its primary name runs past its " + dataLength + " bytes of data");
                }
                yield primary;
            }
        };
    }

    private byte[] address(int size, int dataLength, String where) throws DnsException {
        if (dataLength != size) {
            throw new DnsException(where + " has " + dataLength + " bytes of data, not " + size);
        }
        byte[] address = new byte[size];
        System.arraycopy(data, pos, address, 0, size);
        return address;
    }

    /**
     * A name, following compression pointers (RFC 1035 §4.1.4). A pointer must point before the stretch of labels
     * it ends, so each jump goes strictly backwards and a loop cannot go unnoticed.
     */
    private String name() throws DnsException {
        StringBuilder name = new StringBuilder();
        int cursor = pos;
        int stretchStart = pos;
        int resumeAt = -1;
        int octets = 1; // the root's zero octet
        while (true) {
            if (cursor >= length) {
                throw new DnsException("name at offset " + stretchStart + " runs past the end of the " + length
                        + "-byte message");
            }
            int labelLength = data[cursor] & 0xFF;
            if (labelLength == 0) {
                pos = resumeAt < 0 ? cursor + 1 : resumeAt;
                return name.toString();
            }
            if ((labelLength & POINTER) == POINTER) {
                if (cursor + 1 >= length) {
                    throw new DnsException("compression pointer at offset " + cursor + " cut off by the end");
                }
                int target = ((labelLength & 0x3F) << 8) | (data[cursor + 1] & 0xFF);
                if (target > cursor) {
                    throw new DnsException("forward compression pointer at offset " + cursor + " to " + target);
                }
                if (target >= stretchStart) {
                    throw new DnsException("compression loop at offset " + cursor);
                }
                if (resumeAt < 0) {
                    resumeAt = cursor + 2;
                }
                cursor = target;
                stretchStart = target;
                continue;
            }
            if (labelLength > DnsNames.MAX_LABEL) {
                throw new DnsException("label length " + labelLength + " over 63 at offset " + cursor);
            }
            octets += labelLength + 1;
            if (octets > DnsNames.MAX_NAME) {
                throw new DnsException("name longer than 255 octets at offset " + cursor);
            }
            if (cursor + 1 + labelLength > length) {
                throw new DnsException("label at offset " + cursor + " runs past the end of the " + length
                        + "-byte message");
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            appendLabel(name, cursor + 1, labelLength);
            cursor += 1 + labelLength;
        }
    }

    /** Lowercase; a dot, backslash or unprintable octet inside a label is written {@code \DDD} as in zone files. */
    private void appendLabel(StringBuilder name, int from, int labelLength) {
        for (int i = from; i < from + labelLength; i++) {
            int octet = data[i] & 0xFF;
            if (octet <= ' ' || octet >= 0x7F || octet == '.' || octet == '\\') {
                name.append('\\').append(octet / 100).append(octet / 10 % 10).append(octet % 10);
            } else {
                name.append(Character.toLowerCase((char) octet));
            }
        }
    }

    private void need(int count, String what) throws DnsException {
        if (length - pos < count) {
            throw new DnsException(what + " at offset " + pos + " runs past the end of the " + length
                    + "-byte message");
        }
    }

    private int u16() {
        int value = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return value;
    }

    private long u32() {
        return ((long) u16() << 16) | u16();
    }
}
