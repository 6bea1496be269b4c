package dev.vigil.probe;

/** An inclusive range of HTTP status codes, written {@code 200} or {@code 200-299}. */
public record StatusRange(int from, int to) {
    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("status range must lie within 100-599 with from <= to, got " + from + "-" + to);
        }
    }

    /** Parses {@code 200} or {@code 200-299}; throws {@link IllegalArgumentException} with the offending text. */
    public static StatusRange parse(String text) {
        String t = text.trim();
        try {
            int dash = t.indexOf('-');
            if (dash < 0) {
                int code = Integer.parseInt(t);
                return new StatusRange(code, code);
            }
            return new StatusRange(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a status code or range like 200-299: '" + text + "'");
        }
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
