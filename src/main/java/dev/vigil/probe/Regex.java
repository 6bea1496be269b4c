package dev.vigil.probe;

import java.util.Objects;
import java.util.regex.Pattern;

/** A compiled regular expression that compares equal by its source, so specs holding one stay comparable values. */
public final class Regex {
    private final String source;
    private final Pattern pattern;

    private Regex(String source) {
        this.source = source;
        this.pattern = Pattern.compile(source);
    }

    /** Compiles {@code source}; throws {@link java.util.regex.PatternSyntaxException} when it is not a valid regex. */
    public static Regex of(String source) {
        return new Regex(Objects.requireNonNull(source, "source"));
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
