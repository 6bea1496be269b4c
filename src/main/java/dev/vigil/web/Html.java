package dev.vigil.web;

/**
 * Escaping for HTML text and quoted attribute values. Everything a target, a config or a request controls (names,
 * URLs, labels, cause sentences, certificate subjects, query text) goes through {@link #escape} before it is written.
 */
public final class Html {
    private Html() {
    }

    /** {@code text} safe inside an element or a double- or single-quoted attribute; null is empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement == null) {
                    out.append(text.charAt(i));
                } else {
                    out.append(replacement);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
