package dev.vigil.testing;

import dev.vigil.dns.DnsMessage;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.DnsWriter;
import dev.vigil.net.IpLiterals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Encodes DNS responses as a server does, each name compressed against the names written before it. */
public final class DnsResponseWriter {
    private static final int MAX_POINTER_TARGET = 0x3FFF;

    private final DnsWriter out = new DnsWriter();
    private final Map<String, Integer> written = new HashMap<>();

    private DnsResponseWriter() {
    }

    /**
     * A response with one question.
     *
     * @param flags the header's flag bits and RCODE, e.g. {@code DnsMessage.FLAG_RESPONSE | 3}
     */
    public static byte[] encode(int id, int flags, String name, int typeCode, List<DnsRecord> answers,
            List<DnsRecord> authority) {
        DnsResponseWriter writer = new DnsResponseWriter();
        writer.out.u16(id).u16(flags).u16(1).u16(answers.size()).u16(authority.size()).u16(0);
        writer.name(name);
        writer.out.u16(typeCode).u16(DnsMessage.CLASS_IN);
        answers.forEach(writer::record);
        authority.forEach(writer::record);
        return writer.out.toByteArray();
    }

    private void record(DnsRecord record) {
        name(record.name());
        out.u16(record.type().code).u16(DnsMessage.CLASS_IN).u32(record.ttlSeconds());
        int lengthAt = out.size();
        out.u16(0);
        switch (record.type()) {
            case A, AAAA -> out.bytes(IpLiterals.parse(record.data()).getAddress());
            case CNAME, NS -> name(record.data());
            case SOA -> {
                name(record.data());
                name("hostmaster." + record.name());
                out.u32(1).u32(3600).u32(600).u32(86_400).u32(60);
            }
        }
        out.setU16(lengthAt, out.size() - lengthAt - 2);
    }

    private void name(String name) {
        String rest = name;
        while (!rest.isEmpty()) {
            Integer earlier = written.get(rest);
            if (earlier != null) {
                out.u16(0xC000 | earlier);
                return;
            }
            if (out.size() <= MAX_POINTER_TARGET) {
                written.put(rest, out.size());
            }
            int dot = rest.indexOf('.');
            out.label(dot < 0 ? rest : rest.substring(0, dot));
            rest = dot < 0 ? "" : rest.substring(dot + 1);
        }
        out.u8(0);
    }
}
