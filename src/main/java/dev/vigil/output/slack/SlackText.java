package dev.vigil.output.slack;

/** Text for Block Kit: mrkdwn escaping and cutting to Slack's length limits without breaking a character or entity. */
final class SlackText {
    /** Ends text that was cut. */
    static final String TRUNCATED = "… (truncated)";
    private static final int LONGEST_ENTITY = "&amp;".length();

    private SlackText() {
    }

    /** {@code text} with {@code &}, {@code <} and {@code >} escaped, so Slack shows it as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code text} if at most {@code max} characters long, else its start and {@link #TRUNCATED}, {@code max} in all. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = max - TRUNCATED.length();
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        int amp = text.lastIndexOf('&', keep - 1);
        if (amp >= 0 && keep - amp < LONGEST_ENTITY && text.indexOf(';', amp) >= keep) {
            keep = amp;
        }
        return text.substring(0, keep) + TRUNCATED;
    }
}
