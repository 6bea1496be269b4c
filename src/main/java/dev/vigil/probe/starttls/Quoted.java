package dev.vigil.probe.starttls;

/** What a server said, made safe to put in a message: cut short and with every non-printable character escaped. */
final class Quoted {
    static final int MAX_CHARS = 120;

    private Quoted() {
    }

    /**
     * {@code text} in single quotes, at most {@link #MAX_CHARS} characters of it followed by {@code …} when cut, with
     * CR, LF and TAB as {@code \r \n \t}, a backslash doubled and any other character outside printable ASCII as its
     * hex code ({@code \x1b}; a backslash, a u and four digits past Latin-1), so a server cannot forge log lines or
     * terminal escapes through a message.
     */
    static String of(String text) {
        StringBuilder out = new StringBuilder(MAX_CHARS + 8).append('\'');
        int end = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else if (c <= 0xff) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append('…');
        }
        return out.append('\'').toString();
    }
}
