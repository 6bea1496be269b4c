package dev.vigil.cert.ct;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.probe.tls.CertificateFactsReader;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads crt.sh's JSON answer: keeps the entries whose {@code name_value} is exactly the set of names, and merges the
 * precertificate and final certificate of one serial into one {@link Issuance} with the earliest {@code not_before}.
 */
final class CrtShEntries {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** crt.sh writes UTC without a zone ({@code 2026-11-20T08:14:03}); a zone or fractional seconds are accepted too. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private CrtShEntries() {
    }

    /**
     * @param nameSet the names, as {@link Observation#nameSet}
     * @param query   the {@code q} that was asked, for messages
     */
    static CtAnswer parse(byte[] body, List<String> nameSet, String query) throws CtQueryException {
        JsonNode root = tree(body, query);
        if (!root.isArray()) {
            throw new CtQueryException("crt.sh answer for q=" + query + " is unexpected JSON: expected an array, got "
                    + describe(root));
        }
        Map<String, Issuance> bySerial = new HashMap<>();
        int skipped = 0;
        for (JsonNode entry : root) {
            List<String> names = names(entry);
            if (names == null) {
                skipped++;
            } else if (names.equals(nameSet)) {
                Issuance issuance = issuance(entry, nameSet);
                if (issuance == null) {
                    skipped++;
                } else {
                    bySerial.merge(issuance.serialHex(), issuance, CrtShEntries::earlier);
                }
            }
        }
        List<Issuance> issuances = bySerial.values().stream()
                .sorted(Comparator.comparing(Issuance::notBefore).thenComparing(Issuance::serialHex))
                .toList();
        return new CtAnswer(issuances, skipped);
    }

    /** Of a precertificate and its certificate, the earlier entry, with the other's end of validity if it has none. */
    private static Issuance earlier(Issuance a, Issuance b) {
        Issuance first = a.notBefore().isAfter(b.notBefore()) ? b : a;
        Issuance other = first == a ? b : a;
        return first.notAfter() != null || other.notAfter() == null ? first : new Issuance(first.serialHex(),
                first.notBefore(), first.sans(), first.issuerFamily(), other.notAfter());
    }

    private static JsonNode tree(byte[] body, String query) throws CtQueryException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new CtQueryException("crt.sh answer for q=" + query + " is not valid JSON: " + e.getOriginalMessage()
                    + where, e);
        } catch (IOException e) {
            throw new CtQueryException("crt.sh answer for q=" + query + " could not be read: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case MISSING -> "an empty body";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The entry's names as a name set, or null when it has none readable. */
    private static List<String> names(JsonNode entry) {
        String value = text(entry, "name_value");
        if (value == null) {
            return null;
        }
        List<String> names = Arrays.stream(value.split("\n")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        return names.isEmpty() ? null : Observation.nameSet(names);
    }

    /**
     * The entry as an issuance, with its issuer when crt.sh names one; null when its serial or start of validity is
     * missing or unreadable.
     */
    private static Issuance issuance(JsonNode entry, List<String> nameSet) {
        String serial = text(entry, "serial_number");
        String notBefore = text(entry, "not_before");
        if (serial == null || notBefore == null || !serial.chars().allMatch(HexFormat::isHexDigit)) {
            return null;
        }
        try {
            String issuer = text(entry, "issuer_name");
            Instant start = timestamp(notBefore);
            Instant end = notAfter(text(entry, "not_after"), start);
            return issuer == null ? new Issuance(serialHex(serial), start, nameSet, null, end)
                    : Issuance.logged(serialHex(serial), start, end, nameSet, issuer);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * An entry's end of validity, for a chart only: null when missing, unreadable or not after {@code notBefore},
     * which leaves the entry counted by its start.
     */
    static Instant notAfter(String text, Instant notBefore) {
        if (text == null) {
            return null;
        }
        try {
            Instant notAfter = timestamp(text);
            return notAfter.isAfter(notBefore) ? notAfter : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Vigil's form of a serial, as a handshake reports it ({@link CertificateFactsReader#serialHex}): lowercase hex of
     * whole bytes, so an odd-length serial gains a leading {@code 0} and a DER sign byte {@code 00} is dropped.
     */
    static String serialHex(String hex) {
        return CertificateFactsReader.serialHex(new BigInteger(hex, 16));
    }

    /** A crt.sh timestamp: UTC unless it names an offset, seconds fraction optional. */
    static Instant timestamp(String text) {
        return OffsetDateTime.parse(text, TIMESTAMP).toInstant();
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
