package dev.vigil.probe;

import java.util.Objects;
import java.util.regex.Pattern;

/** A compiled regular expression that compares equal by its source, so specs holding one stay comparable values. */
public final class Regex {
    /** No body check needs more, and a 1 MB pattern kept {@code vigil validate} busy for minutes. */
    public static final int MAX_LENGTH = 1000;

    private final String source;
    private final Pattern pattern;

    private Regex(String source) {
        this.source = source;
        this.pattern = Pattern.compile(source);
    }

    /**
     * Compiles {@code source}; throws {@link java.util.regex.PatternSyntaxException} when it is not a valid regex, and
     * an {@link IllegalArgumentException} (not quoting it) before compiling when it is longer than {@value #MAX_LENGTH}.
     */
    public static Regex of(String source) {
        if (Objects.requireNonNull(source, "source").length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the regex is " + source.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        return new Regex(source);
    }

    public String source() {
        return source;
    }

    /** True when the pattern is found anywhere in {@code text}. */
    public boolean foundIn(CharSequence text) {
        return pattern.matcher(text).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regex other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
