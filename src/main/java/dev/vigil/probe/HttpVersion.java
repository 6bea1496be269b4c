package dev.vigil.probe;

/** The HTTP version a probe asks for; HTTP/2 is negotiated with ALPN and falls back to 1.1 when the server lacks it. */
public enum HttpVersion {
    HTTP_1_1("1.1"),
    HTTP_2("2");

    private final String label;

    HttpVersion(String label) {
        this.label = label;
    }

    /** Parses {@code 1.1} or {@code 2}; throws {@link IllegalArgumentException} quoting the text otherwise. */
    public static HttpVersion parse(String text) {
        for (HttpVersion v : values()) {
            if (v.label.equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("HTTP version must be \"1.1\" or \"2\", got '" + text + "'");
    }
}
