package dev.vigil.probe.starttls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply of SMTP (RFC 5321 §4.2) or FTP (RFC 959 §4.2): a three-digit code, and for a multi-line reply a first line
 * {@code NNN-text} up to a last line {@code NNN text}. SMTP prefixes every line with the code; FTP lets the lines in
 * between say anything, so only the first and the last are checked.
 *
 * @param code  the reply code, 100 to 599
 * @param lines every line, at most {@link #MAX_LINES}
 */
record NumericReply(int code, List<String> lines) {
    static final int MAX_LINES = 100;

    NumericReply {
        lines = List.copyOf(lines);
    }

    /** Reads one reply. */
    static NumericReply read(Wire wire) throws IOException {
        String first = wire.readLine();
        if (first.length() < 3 || !first.substring(0, 3).matches("[1-5]\\d\\d")
                || first.length() > 3 && first.charAt(3) != ' ' && first.charAt(3) != '-') {
            throw wire.protocolError("answered outside the protocol: " + Quoted.of(first));
        }
        int code = Integer.parseInt(first.substring(0, 3));
        List<String> lines = new ArrayList<>();
        lines.add(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String line;
            do {
                if (lines.size() == MAX_LINES) {
                    throw wire.protocolError("sent a reply of more than " + MAX_LINES + " lines, starting "
                            + Quoted.of(first));
                }
                line = wire.readLine();
                lines.add(line);
            } while (!isLast(line, code));
        }
        return new NumericReply(code, lines);
    }

    /** The last line of a multi-line reply repeats the code followed by a space or nothing. */
    private static boolean isLast(String line, int code) {
        return line.startsWith(Integer.toString(code)) && (line.length() == 3 || line.charAt(3) == ' ');
    }

    boolean is(int expected) {
        return code == expected;
    }

    /** The reply's text after the codes, for capability lists: {@code 250-SIZE 1000} gives {@code SIZE 1000}. */
    List<String> texts() {
        return lines.stream().map(line -> line.length() > 4 ? line.substring(4) : "").toList();
    }

    /** The whole reply, quoted and bounded, lines joined by {@code \n}. */
    String quoted() {
        return Quoted.of(String.join("\n", lines));
    }
}
