package dev.vigil.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the list is asked to show: {@code state=down}, {@code label=team:ops} (or just {@code label=team}: has the
 * label), {@code q=text} (a case-insensitive substring of the name, URL or a label value), {@code location=eu-west}
 * and {@code shard=1/3} (the agent's, exactly), {@code page=N} from 1.
 * A value that is not one of these is ignored rather than refused: the page is for reading, and a stale link still
 * shows something.
 *
 * @param state null for every state
 * @param label empty for every probe
 * @param text  empty for every probe
 * @param location empty for every location
 * @param shard    empty for every shard
 * @param page  from 1
 */
public record ListQuery(ProbeState state, String label, String text, String location, String shard, int page) {
    public static final ListQuery ALL = new ListQuery(null, "", "", "", "", 1);
    /** Query text longer than this is cut: a search box needs no more. */
    static final int MAX_TEXT = 200;

    public ListQuery {
        label = label == null ? "" : cut(label.strip());
        text = text == null ? "" : cut(text.strip());
        location = location == null ? "" : cut(location.strip());
        shard = shard == null ? "" : cut(shard.strip());
        page = Math.max(1, page);
    }

    /** The query of a raw, still encoded, request query string; null is {@link #ALL}. */
    public static ListQuery parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return ALL;
        }
        ProbeState state = null;
        String label = "";
        String text = "";
        String location = "";
        String shard = "";
        int page = 1;
        for (String pair : rawQuery.split("&", 16)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (name) {
                case "state" -> state = ProbeState.ofId(value).orElse(null);
                case "label" -> label = value;
                case "q" -> text = value;
                case "location" -> location = value;
                case "shard" -> shard = value;
                case "page" -> page = pageNumber(value);
                default -> {
                }
            }
        }
        return new ListQuery(state, label, text, location, shard, page);
    }

    /** The decoded value of the first parameter {@code name} of a raw query string; null when it has none. */
    public static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&", 16)) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** Whether {@code probe} is one the query asks for; {@code own} is where a probe without a {@link Listed#where} runs. */
    public boolean matches(Listed probe, Where own) {
        if (state != null && probe.state() != state) {
            return false;
        }
        if (!location.isEmpty() || !shard.isEmpty()) {
            Where where = probe.where() == null ? own : probe.where();
            if (!location.isEmpty() && !location.equals(where.location())
                    || !shard.isEmpty() && !shard.equals(where.shard())) {
                return false;
            }
        }
        if (!label.isEmpty() && !hasLabel(probe.labels())) {
            return false;
        }
        if (text.isEmpty() || contains(probe.name(), text) || contains(probe.url(), text)) {
            return true;
        }
        for (String value : probe.labels().values()) {
            if (contains(value, text)) {
                return true;
            }
        }
        return false;
    }

    /** The same query at another page, as an encoded query string without the {@code ?}. */
    public String at(int otherPage) {
        StringBuilder query = new StringBuilder();
        if (state != null) {
            query.append("state=").append(state.id());
        }
        append(query, "label", label);
        append(query, "q", text);
        append(query, "location", location);
        append(query, "shard", shard);
        if (otherPage > 1) {
            query.append(query.isEmpty() ? "" : "&").append("page=").append(otherPage);
        }
        return query.toString();
    }

    private boolean hasLabel(Map<String, String> labels) {
        int colon = label.indexOf(':');
        if (colon < 0) {
            return labels.containsKey(label);
        }
        return label.substring(colon + 1).equals(labels.get(label.substring(0, colon)));
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!value.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** Case-insensitive substring search without copying either string. */
    static boolean contains(String haystack, String needle) {
        for (int i = 0; i + needle.length() <= haystack.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    private static int pageNumber(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String cut(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
