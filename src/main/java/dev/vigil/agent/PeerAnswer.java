package dev.vigil.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.vigil.web.DnsSeen;
import dev.vigil.web.PeerRow;
import dev.vigil.web.ProbeState;
import dev.vigil.web.Where;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A peer's answer to {@code GET /api/v1/status} ({@link StatusJson}), read as it streams so that nothing is held but
 * the rows kept: at most {@value #MAX_PROBES} probes, each of bounded text and lists; any answer beyond a bound, or
 * not of this form, is refused whole, saying why. Unknown keys are skipped, so a newer peer can add some. Immutable
 * but for the rows with unknown states, made once when first asked for.
 */
final class PeerAnswer {
    /** Probes kept of one peer: about 0.55 KB each, 1.1 KB with two resolvers' DNS answers. */
    static final int MAX_PROBES = 20_000;
    /** Characters of a name, location, shard, resolver, address, label or error. */
    static final int MAX_TEXT = 1024;
    /** Characters of a URL, a cause sentence or the runs' ring. */
    static final int MAX_LONG_TEXT = 4096;
    static final int MAX_LABELS = 64;
    static final int MAX_RESOLVERS = 32;
    static final int MAX_ADDRESSES = 64;
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(16).maxStringLength(MAX_LONG_TEXT * 4).maxNameLength(MAX_TEXT).maxNumberLength(32)
            .build()).build();

    private final Where where;
    private final List<PeerRow> rows;
    private final Map<String, PeerRow> byName;
    /** {@link #rows} with unknown states, once asked for; a race makes it twice at worst. */
    private volatile List<PeerRow> unknown;

    /**
     * @param where  the peer, as it names itself, with the base URL its pages are linked at
     * @param rows   its probes, in its order
     * @param byName its probes by name
     */
    PeerAnswer(Where where, List<PeerRow> rows, Map<String, PeerRow> byName) {
        this.where = where;
        this.rows = List.copyOf(rows);
        this.byName = Map.copyOf(byName);
    }

    Where where() {
        return where;
    }

    List<PeerRow> rows() {
        return rows;
    }

    Map<String, PeerRow> byName() {
        return byName;
    }

    /** The rows with their states unknown, for a peer whose answer is too old to say up or down; made once. */
    List<PeerRow> unknownRows() {
        List<PeerRow> made = unknown;
        if (made == null) {
            made = rows.stream().map(PeerRow::unknown).toList();
            unknown = made;
        }
        return made;
    }

    /** Why an answer was not taken. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The answer {@code body} holds; {@code base} is the peer's base URL without user info. */
    static PeerAnswer read(byte[] body, String base) throws Refused {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new Refused("the answer is not a JSON object");
            }
            Where where = null;
            List<PeerRow> rows = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "agent" -> where = agent(json, base);
                    case "probes" -> {
                        if (where == null) {
                            throw new Refused("\"probes\" comes before \"agent\"");
                        }
                        rows = probes(json, where);
                    }
                    default -> json.skipChildren();
                }
            }
            if (where == null || rows == null) {
                throw new Refused("the answer has no \"agent\" or no \"probes\"");
            }
            Map<String, PeerRow> byName = new HashMap<>(rows.size() * 2);
            rows.forEach(row -> byName.putIfAbsent(row.name(), row));
            return new PeerAnswer(where, rows, byName);
        } catch (JsonProcessingException e) {
            throw new Refused("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refused("unreadable answer: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refused("invalid answer: " + e.getMessage());
        }
    }

    private static Where agent(JsonParser json, String base) throws IOException, Refused {
        expect(json, JsonToken.START_OBJECT, "agent");
        String name = null;
        String location = null;
        String shard = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "name" -> name = text(json, "agent.name", MAX_TEXT);
                case "location" -> location = text(json, "agent.location", MAX_TEXT);
                case "shard" -> shard = text(json, "agent.shard", MAX_TEXT);
                default -> json.skipChildren();
            }
        }
        if (name == null) {
            throw new Refused("the answer has no agent.name");
        }
        return new Where(name, location, shard, base);
    }

    private static List<PeerRow> probes(JsonParser json, Where where) throws IOException, Refused {
        expect(json, JsonToken.START_ARRAY, "probes");
        List<PeerRow> rows = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (rows.size() == MAX_PROBES) {
                throw new Refused("more than " + MAX_PROBES + " probes");
            }
            rows.add(probe(json, where, rows.size()));
        }
        return rows;
    }

    private static PeerRow probe(JsonParser json, Where where, int index) throws IOException, Refused {
        String at = "probes[" + index + "]";
        expect(json, JsonToken.START_OBJECT, at);
        String name = null;
        String url = null;
        ProbeState state = null;
        String cause = null;
        Duration duration = null;
        Map<String, String> labels = Map.of();
        String runs = null;
        DnsSeen dns = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "name" -> name = text(json, at + ".name", MAX_TEXT);
                case "url" -> url = text(json, at + ".url", MAX_LONG_TEXT);
                case "state" -> {
                    String id = text(json, at + ".state", MAX_TEXT);
                    state = id == null ? null : ProbeState.ofId(id).orElseThrow(() -> new Refused(at
                            + ".state is not up, down or unknown"));
                }
                case "cause" -> cause = text(json, at + ".cause", MAX_LONG_TEXT);
                case "durationMs" -> duration = json.currentToken() == JsonToken.VALUE_NULL ? null
                        : Duration.ofMillis(Math.max(0, number(json, at + ".durationMs")));
                case "labels" -> labels = labels(json, at + ".labels");
                case "runs" -> runs = text(json, at + ".runs", MAX_LONG_TEXT);
                case "dns" -> dns = json.currentToken() == JsonToken.VALUE_NULL ? null : dns(json, at + ".dns");
                default -> json.skipChildren();
            }
        }
        if (name == null || url == null || state == null) {
            throw new Refused(at + " lacks its name, url or state");
        }
        return new PeerRow(where, name, url, state, cause, duration, labels, runs, dns);
    }

    private static Map<String, String> labels(JsonParser json, String at) throws IOException, Refused {
        expect(json, JsonToken.START_OBJECT, at);
        Map<String, String> labels = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            if (labels.size() == MAX_LABELS) {
                throw new Refused(at + " has more than " + MAX_LABELS + " labels");
            }
            String value = text(json, at + "." + name, MAX_TEXT);
            labels.put(name, value == null ? "" : value);
        }
        return labels;
    }

    private static DnsSeen dns(JsonParser json, String at) throws IOException, Refused {
        expect(json, JsonToken.START_OBJECT, at);
        String host = null;
        Instant ranAt = null;
        List<String> expected = List.of();
        List<DnsSeen.Answer> answers = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "host" -> host = text(json, at + ".host", MAX_TEXT);
                case "ranAt" -> ranAt = instant(text(json, at + ".ranAt", MAX_TEXT), at + ".ranAt");
                case "expected" -> expected = strings(json, at + ".expected");
                case "answers" -> {
                    expect(json, JsonToken.START_ARRAY, at + ".answers");
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        if (answers.size() == MAX_RESOLVERS) {
                            throw new Refused(at + ".answers has more than " + MAX_RESOLVERS + " resolvers");
                        }
                        answers.add(answer(json, at + ".answers[" + answers.size() + "]"));
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (host == null || ranAt == null) {
            throw new Refused(at + " lacks its host or ranAt");
        }
        return new DnsSeen(host, ranAt, expected, answers);
    }

    private static DnsSeen.Answer answer(JsonParser json, String at) throws IOException, Refused {
        expect(json, JsonToken.START_OBJECT, at);
        String resolver = null;
        List<String> addresses = List.of();
        String error = null;
        long ttl = 0;
        Boolean matches = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "resolver" -> resolver = text(json, at + ".resolver", MAX_TEXT);
                case "addresses" -> addresses = strings(json, at + ".addresses");
                case "error" -> error = text(json, at + ".error", MAX_TEXT);
                case "ttl" -> ttl = Math.max(0, number(json, at + ".ttl"));
                case "matches" -> matches = switch (json.currentToken()) {
                    case VALUE_TRUE -> true;
                    case VALUE_FALSE -> false;
                    case VALUE_NULL -> null;
                    default -> throw new Refused(at + ".matches is not true, false or null");
                };
                default -> json.skipChildren();
            }
        }
        if (resolver == null) {
            throw new Refused(at + " lacks its resolver");
        }
        return new DnsSeen.Answer(resolver, addresses, error, ttl, matches);
    }

    private static List<String> strings(JsonParser json, String at) throws IOException, Refused {
        expect(json, JsonToken.START_ARRAY, at);
        List<String> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (values.size() == MAX_ADDRESSES) {
                throw new Refused(at + " has more than " + MAX_ADDRESSES + " items");
            }
            String value = text(json, at + "[" + values.size() + "]", MAX_TEXT);
            if (value == null) {
                throw new Refused(at + "[" + values.size() + "] is null");
            }
            values.add(value);
        }
        return values;
    }

    /** A string of at most {@code max} characters, or null. */
    private static String text(JsonParser json, String at, int max) throws IOException, Refused {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw new Refused(at + " is not a string");
        }
        String text = json.getText();
        if (text.length() > max) {
            throw new Refused(at + " is longer than " + max + " characters");
        }
        return text;
    }

    private static long number(JsonParser json, String at) throws IOException, Refused {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new Refused(at + " is not an integer");
        }
        return json.getLongValue();
    }

    private static Instant instant(String text, String at) throws Refused {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refused(at + " is not a time");
        }
    }

    private static void expect(JsonParser json, JsonToken token, String at) throws Refused {
        if (json.currentToken() != token) {
            throw new Refused(at + " is not " + (token == JsonToken.START_OBJECT ? "an object" : "an array"));
        }
    }
}
