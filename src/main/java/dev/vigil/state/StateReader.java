package dev.vigil.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one state file with a streaming parser, strictly: every value is checked as it is read, and an error names its
 * JSON path, e.g. {@code $.endpoints[3].observations[0].notAfter}. One instance per read.
 */
final class StateReader {
    private static final int QUOTED_VALUE_LIMIT = 60;

    private final JsonParser in;
    private final long length;
    private final Path file;
    /**
     * One instance of each string read: issuers, names and serials recur throughout a file, and sharing them keeps a
     * loaded state of 10,000 endpoints at half the heap, within the agent's small one.
     */
    private final Map<String, String> strings = new HashMap<>();

    /** Reads {@code length} bytes from {@code in}, the content of {@code file}. */
    StateReader(JsonParser in, long length, Path file) {
        this.in = in;
        this.length = length;
        this.file = file;
    }

    VigilState read() throws IOException {
        try {
            in.nextToken();
            VigilState state = readRoot();
            if (in.nextToken() != null) {
                throw corrupt("$", "unexpected " + found() + " after the end of the state");
            }
            return state;
        } catch (JsonProcessingException e) {
            boolean truncated = in.currentLocation().getByteOffset() >= length;
            String problem = truncated ? "the file ends early" : "not valid JSON: " + e.getOriginalMessage();
            throw new StateCorruptException(corruptMessage(path(), problem), e);
        }
    }

    private VigilState readRoot() throws IOException {
        expect(JsonToken.START_OBJECT, "an object");
        if (!"format".equals(nextField())) {
            throw corrupt("$", "expected the field \"format\" first");
        }
        int format = integer();
        if (format > VigilState.FORMAT_VERSION) {
            throw new StateVersionException("state file " + file + " has format " + format
                    + ", newer than this Vigil reads (" + VigilState.FORMAT_VERSION
                    + "): upgrade Vigil or point --state-dir elsewhere");
        }
        if (format < 1) {
            throw corrupt(path(), "no such format: " + format);
        }
        Map<String, EndpointHistory> endpoints = null;
        for (String field; (field = nextField()) != null; ) {
            if (field.equals("endpoints")) {
                endpoints = endpoints();
            } else {
                in.skipChildren();
            }
        }
        return new VigilState(required(endpoints, "endpoints"));
    }

    private Map<String, EndpointHistory> endpoints() throws IOException {
        expect(JsonToken.START_ARRAY, "an array");
        Map<String, EndpointHistory> endpoints = new HashMap<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            EndpointHistory history = endpoint();
            if (endpoints.putIfAbsent(history.endpoint().key(), history) != null) {
                throw corrupt(path(), "a second history for the endpoint " + history.endpoint().key());
            }
        }
        return endpoints;
    }

    private EndpointHistory endpoint() throws IOException {
        expect(JsonToken.START_OBJECT, "an object");
        String host = null;
        Integer port = null;
        String serverName = null;
        List<String> probes = null;
        Integer expiryWarned = null;
        boolean expiryWarnedGiven = false;
        Instant ctQueriedAt = null;
        boolean ctQueriedAtGiven = false;
        List<Issuance> ctIssuances = null;
        List<Observation> observations = null;
        List<CertChange> changes = null;
        for (String field; (field = nextField()) != null; ) {
            switch (field) {
                case "host" -> host = string();
                case "port" -> port = integer();
                case "serverName" -> serverName = string();
                case "probes" -> probes = strings();
                case "expiryWarned" -> {
                    expiryWarned = in.currentToken() == JsonToken.VALUE_NULL ? null : integer();
                    expiryWarnedGiven = true;
                }
                case "ctQueriedAt" -> {
                    ctQueriedAt = in.currentToken() == JsonToken.VALUE_NULL ? null : instant();
                    ctQueriedAtGiven = true;
                }
                case "ctIssuances" -> ctIssuances = list(this::issuance);
                case "observations" -> observations = list(this::observation);
                case "changes" -> changes = list(this::change);
                default -> in.skipChildren();
            }
        }
        Endpoint endpoint;
        try {
            endpoint = new Endpoint(required(host, "host"), required(port, "port"), required(serverName, "serverName"));
        } catch (IllegalArgumentException e) {
            throw corrupt(path(), e.getMessage());
        }
        requireGiven(expiryWarnedGiven, "expiryWarned");
        requireGiven(ctQueriedAtGiven, "ctQueriedAt");
        return new EndpointHistory(endpoint, new LinkedHashSet<>(required(probes, "probes")),
                required(observations, "observations"), required(changes, "changes"), expiryWarned, ctQueriedAt,
                required(ctIssuances, "ctIssuances"));
    }

    private Issuance issuance() throws IOException {
        expect(JsonToken.START_OBJECT, "an object");
        String serial = null;
        Instant notBefore = null;
        List<String> sans = null;
        for (String field; (field = nextField()) != null; ) {
            switch (field) {
                case "serial" -> serial = string();
                case "notBefore" -> notBefore = instant();
                case "sans" -> sans = strings();
                default -> in.skipChildren();
            }
        }
        return new Issuance(required(serial, "serial"), required(notBefore, "notBefore"), required(sans, "sans"));
    }

    private Observation observation() throws IOException {
        expect(JsonToken.START_OBJECT, "an object");
        String serial = null;
        String issuer = null;
        String subject = null;
        List<String> sans = null;
        Instant notBefore = null;
        Instant notAfter = null;
        String sha256 = null;
        List<String> chainIssuers = null;
        Boolean verified = null;
        Instant firstSeen = null;
        Instant lastSeen = null;
        for (String field; (field = nextField()) != null; ) {
            switch (field) {
                case "serial" -> serial = string();
                case "issuer" -> issuer = string();
                case "subject" -> subject = string();
                case "sans" -> sans = strings();
                case "notBefore" -> notBefore = instant();
                case "notAfter" -> notAfter = instant();
                case "sha256" -> sha256 = unsharedString();
                case "chainIssuers" -> chainIssuers = strings();
                case "verified" -> verified = bool();
                case "firstSeen" -> firstSeen = instant();
                case "lastSeen" -> lastSeen = instant();
                default -> in.skipChildren();
            }
        }
        return new Observation(required(serial, "serial"), required(issuer, "issuer"), required(subject, "subject"),
                required(sans, "sans"), required(notBefore, "notBefore"), required(notAfter, "notAfter"),
                required(sha256, "sha256"), required(chainIssuers, "chainIssuers"), required(verified, "verified"),
                required(firstSeen, "firstSeen"), required(lastSeen, "lastSeen"));
    }

    private CertChange change() throws IOException {
        expect(JsonToken.START_OBJECT, "an object");
        Instant at = null;
        ChangeKind kind = null;
        Severity severity = null;
        String oldSerial = null;
        String newSerial = null;
        String message = null;
        for (String field; (field = nextField()) != null; ) {
            switch (field) {
                case "at" -> at = instant();
                case "kind" -> kind = id(ChangeKind::ofId, "change kind");
                case "severity" -> severity = id(Severity::ofId, "severity");
                case "oldSerial" -> oldSerial = string();
                case "newSerial" -> newSerial = string();
                case "message" -> message = string();
                default -> in.skipChildren();
            }
        }
        return new CertChange(required(at, "at"), required(kind, "kind"), required(severity, "severity"),
                required(oldSerial, "oldSerial"), required(newSerial, "newSerial"), required(message, "message"));
    }

    /** One value read by a method of this reader, starting at its current token. */
    private interface Element<T> {
        T read() throws IOException;
    }

    private <T> List<T> list(Element<T> element) throws IOException {
        expect(JsonToken.START_ARRAY, "an array");
        List<T> values = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            values.add(element.read());
        }
        return values;
    }

    private List<String> strings() throws IOException {
        return list(this::string);
    }

    /** A string value, the same instance as an equal one read before. */
    private String string() throws IOException {
        String text = unsharedString();
        String known = strings.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    /** A string value that is parsed further or never recurs, such as a fingerprint: not worth sharing. */
    private String unsharedString() throws IOException {
        expect(JsonToken.VALUE_STRING, "a string");
        return in.getText();
    }

    private int integer() throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
            throw typeError("an integer");
        }
        return in.getIntValue();
    }

    private boolean bool() throws IOException {
        if (!in.currentToken().isBoolean()) {
            throw typeError("true or false");
        }
        return in.getBooleanValue();
    }

    private Instant instant() throws IOException {
        String text = unsharedString();
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupt(path(), "expected an ISO-8601 instant such as 2026-11-25T03:00:00Z, found " + found());
        }
    }

    private <E> E id(Function<String, E> ofId, String what) throws IOException {
        String id = unsharedString();
        try {
            return ofId.apply(id);
        } catch (IllegalArgumentException e) {
            throw corrupt(path(), "unknown " + what + " " + found());
        }
    }

    /** The next field's name, with the parser moved on to its value; null at the end of the object. */
    private String nextField() throws IOException {
        if (in.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = in.currentName();
        in.nextToken();
        return name;
    }

    private void expect(JsonToken token, String description) throws StateCorruptException {
        if (in.currentToken() != token) {
            throw typeError(description);
        }
    }

    /** {@code value}, read from a field the object just ended must have; null when the field was not there. */
    private <T> T required(T value, String field) throws StateCorruptException {
        requireGiven(value != null, field);
        return value;
    }

    /** Fails unless the object just ended had {@code field}; the parser's context then is that object's. */
    private void requireGiven(boolean given, String field) throws StateCorruptException {
        if (!given) {
            throw corrupt(path() + "." + field, "missing");
        }
    }

    private StateCorruptException typeError(String expected) {
        return corrupt(path(), "expected " + expected + ", found " + found());
    }

    private StateCorruptException corrupt(String jsonPath, String problem) {
        return new StateCorruptException(corruptMessage(jsonPath, problem), null);
    }

    private String corruptMessage(String jsonPath, String problem) {
        return "state file " + file + " is corrupt at " + jsonPath + ": " + problem;
    }

    /** The current token as a message shows it. */
    private String found() {
        JsonToken token = in.currentToken();
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> quoted(text());
            default -> text();
        };
    }

    private String text() {
        try {
            return in.getText();
        } catch (IOException e) {
            return in.currentToken().toString();
        }
    }

    private static String quoted(String value) {
        String shown = value.length() > QUOTED_VALUE_LIMIT ? value.substring(0, QUOTED_VALUE_LIMIT) + "…" : value;
        return "\"" + shown + "\"";
    }

    /** The JSON path of the current value, e.g. {@code $.endpoints[3].port}; of an object just ended, after its end. */
    private String path() {
        StringBuilder path = new StringBuilder();
        appendPath(path, in.getParsingContext());
        return path.toString();
    }

    private static void appendPath(StringBuilder path, JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            path.append('$');
            return;
        }
        appendPath(path, context.getParent());
        if (context.inArray()) {
            path.append('[').append(Math.max(context.getCurrentIndex(), 0)).append(']');
        } else if (context.getCurrentName() != null) {
            path.append('.').append(context.getCurrentName());
        }
    }
}
