package dev.vigil.probe.hostchecks;

import java.util.List;

/** Small pieces of English shared by the sentences. */
final class Words {
    private Words() {
    }

    /** The most items {@link #and} names; a hostile answer of thousands of records must not make a sentence of them. */
    static final int MAX_NAMED = 8;

    /** {@code a}, {@code a and b}, {@code a, b and c}; past {@value #MAX_NAMED} items, {@code a, b, … h and 3992 more}. */
    static String and(List<String> items) {
        if (items.size() > MAX_NAMED) {
            return String.join(", ", items.subList(0, MAX_NAMED)) + " and " + (items.size() - MAX_NAMED) + " more";
        }
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /** {@code resolver 10.0.0.2:53} or {@code authoritative server ns1.example.net (203.0.113.53:53)}. */
    static String server(String resolver, boolean authoritative) {
        return (authoritative ? "authoritative server " : "resolver ") + resolver;
    }

    /** The text with its first letter in upper case, to start a sentence. */
    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
