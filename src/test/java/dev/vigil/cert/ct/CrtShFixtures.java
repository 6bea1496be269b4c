package dev.vigil.cert.ct;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** crt.sh answers as its JSON API writes them: one entry per log entry, a precertificate and a final certificate each. */
final class CrtShFixtures {
    /**
     * For {api.example.com, www.example.com}: three certificates (one with upper-case, shuffled, repeated names), two
     * unreadable entries; and certificates for other sets, one of them unreadable too.
     */
    static final String EXAMPLE = array(
            entry(1001, "04a1b2c3d4e5f60718293a4b5c6d7e8f9a0b", "2026-11-18T08:14:03", "api.example.com", "www.example.com"),
            entry(1002, "04a1b2c3d4e5f60718293a4b5c6d7e8f9a0b", "2026-11-18T08:14:03", "api.example.com", "www.example.com"),
            entry(1003, "3E5D1C0B9A8F7E6D5C4B3A29181706F5E4D", "2026-11-19T09:59:58", "api.example.com", "www.example.com"),
            entry(1004, "3e5d1c0b9a8f7e6d5c4b3a29181706f5e4d", "2026-11-19T10:00:00Z", "api.example.com", "www.example.com"),
            entry(1005, "00C0FFEE0123456789ABCDEF0123456789ABCD", "2026-11-20T08:14:03.000",
                    "WWW.example.com", "api.EXAMPLE.com", "www.example.com"),
            entry(1006, "0d0d", "2026-11-20T09:00:00", "api.example.com"),
            entry(1007, "0d0d", "2026-11-20T09:00:00", "api.example.com"),
            entry(1008, "0e0e", "2026-11-21T09:00:00", "*.example.com", "api.example.com", "www.example.com"),
            entry(1009, null, "2026-11-21T10:00:00", "api.example.com", "www.example.com"),
            entry(1010, "0f0f", "yesterday", "api.example.com", "www.example.com"),
            entry(1011, null, "2026-11-21T11:00:00", "api.example.com"));

    /** One certificate for {*.example.com}, one for {*.example.com, example.com}. */
    static final String WILDCARD = array(
            entry(2001, "0a0a", "2026-11-18T08:00:00", "*.example.com"),
            entry(2002, "0b0b", "2026-11-18T09:00:00", "example.com", "*.example.com"));

    private CrtShFixtures() {
    }

    static String array(String... entries) {
        return Stream.of(entries).collect(Collectors.joining(",\n", "[\n", "\n]"));
    }

    /** A log entry; {@code serial} null leaves the field out. */
    static String entry(long id, String serial, String notBefore, String... names) {
        String serialField = serial == null ? "" : "\"serial_number\":\"" + serial + "\",";
        return """
                {"issuer_ca_id":295815,"issuer_name":"C=US, O=Let's Encrypt, CN=R11","common_name":"%s",\
                "name_value":"%s","id":%d,"entry_timestamp":"2026-11-18T09:14:03.512","not_before":"%s",\
                "not_after":"2027-02-16T08:14:03",%s"result_count":2}""".formatted(names[0], String.join("\\n", names),
                id, notBefore, serialField).strip();
    }
}
