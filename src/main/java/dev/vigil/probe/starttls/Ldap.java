package dev.vigil.probe.starttls;

import java.io.IOException;
import java.util.Map;

/**
 * LDAP (RFC 4511 §4.14): an ExtendedRequest for the StartTLS OID, answered by an ExtendedResponse whose resultCode 0
 * means start. The response is read whole, at most {@link #MAX_MESSAGE} bytes, then parsed by {@link Ber}.
 */
final class Ldap implements Dialect {
    static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";
    /** LDAPMessage { messageID 1, [APPLICATION 23] ExtendedRequest { [0] requestName START_TLS_OID } }. */
    static final byte[] REQUEST = request();
    static final int MAX_MESSAGE = 16 * 1024;

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int ENUMERATED = 0x0a;
    private static final int OCTET_STRING = 0x04;
    private static final int EXTENDED_RESPONSE = 0x78;
    private static final int SUCCESS = 0;
    private static final int PROTOCOL_ERROR = 2;
    private static final Map<Integer, String> RESULT_NAMES = Map.of(1, "operationsError", 2, "protocolError",
            51, "busy", 52, "unavailable", 53, "unwillingToPerform", 80, "other");

    @Override
    public void negotiate(Wire wire) throws IOException {
        wire.send(REQUEST);
        byte[] message = readMessage(wire);
        int messageId;
        int resultCode;
        String diagnostic;
        try {
            Ber ldapMessage = new Ber(message);
            messageId = ldapMessage.integer(INTEGER, "the messageID");
            Ber response = ldapMessage.element(EXTENDED_RESPONSE, "an ExtendedResponse");
            resultCode = response.integer(ENUMERATED, "the resultCode");
            response.string(OCTET_STRING, "the matchedDN");
            diagnostic = response.string(OCTET_STRING, "the diagnosticMessage");
        } catch (Ber.MalformedException e) {
            throw wire.protocolError("answered with malformed LDAP: " + e.getMessage());
        }
        String result = describe(resultCode, diagnostic);
        // Message 0 is an unsolicited notification: the server is ending the session (RFC 4511 §4.4.1).
        if (messageId == 0) {
            throw Dialect.refusedSession(wire, result);
        }
        if (messageId != 1) {
            throw wire.protocolError("answered message " + messageId + " instead of 1");
        }
        if (resultCode == SUCCESS) {
            return;
        }
        // A server that does not know the StartTLS operation answers protocolError (RFC 4511 §4.12).
        if (resultCode == PROTOCOL_ERROR) {
            throw Dialect.notOffered(wire, "it answered " + result);
        }
        throw Dialect.refused(wire, result);
    }

    /** The contents of the LDAPMessage SEQUENCE the server sent, read whole after its header. */
    private static byte[] readMessage(Wire wire) throws IOException {
        int tag = wire.readByte();
        if (tag != SEQUENCE) {
            throw wire.protocolError(String.format("answered with tag 0x%02x, not an LDAP message", tag));
        }
        long length = Ber.lengthFromHeader(wire.readByte(), wire::readByte);
        if (length < 0 || length > MAX_MESSAGE) {
            String size = length < 0 ? "unbounded length" : length + " bytes";
            throw wire.protocolError("answered with an LDAP message of " + size + " (at most " + MAX_MESSAGE
                    + " expected)");
        }
        return wire.readFully((int) length);
    }

    /** {@code unavailable (52), 'TLS not configured'}. */
    private static String describe(int resultCode, String diagnostic) {
        String name = RESULT_NAMES.getOrDefault(resultCode, "resultCode");
        return name + " (" + resultCode + ")" + (diagnostic.isEmpty() ? "" : ", " + Quoted.of(diagnostic));
    }

    private static byte[] request() {
        byte[] oid = START_TLS_OID.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] request = new byte[9 + oid.length];
        byte[] header = {SEQUENCE, (byte) (7 + oid.length), INTEGER, 1, 1, 0x77, (byte) (2 + oid.length),
            (byte) 0x80, (byte) oid.length};
        System.arraycopy(header, 0, request, 0, header.length);
        System.arraycopy(oid, 0, request, header.length, oid.length);
        return request;
    }
}
