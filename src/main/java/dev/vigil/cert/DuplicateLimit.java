package dev.vigil.cert;

import dev.vigil.time.Durations;
import dev.vigil.time.Moments;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A CA's limit on new certificates, applied to when they were issued: how many are left and when the next one
 * returns. The incident this watches: a certificate re-requested on every restart until the CA refused.
 */
public final class DuplicateLimit {
    /** The most issuance instants {@link #counted} keeps: the last ones, enough for a chart of one set's usage. */
    public static final int INSTANTS_KEPT = 100;

    private DuplicateLimit() {
    }

    /**
     * When the certificates {@link #evaluate} counts in the window at {@code now} were issued, oldest first: at most
     * the last {@value #INSTANTS_KEPT}.
     */
    public static List<Instant> counted(LimitPolicy policy, Collection<Instant> issuedAt, Instant now) {
        List<Instant> inWindow = inWindow(policy, issuedAt.stream().filter(at -> !at.isAfter(now)).sorted().toList(),
                now);
        return inWindow.subList(Math.max(0, inWindow.size() - INSTANTS_KEPT), inWindow.size());
    }

    /** The usage of {@code policy} at {@code now} by certificates issued at {@code issuedAt}; later ones are ignored. */
    public static LimitUsage evaluate(LimitPolicy policy, Collection<Instant> issuedAt, Instant now) {
        List<Instant> past = issuedAt.stream().filter(at -> !at.isAfter(now)).sorted().toList();
        List<Instant> inWindow = inWindow(policy, past, now);
        return switch (policy.mode()) {
            case TOKEN_BUCKET -> tokenBucket(policy, past, inWindow.size(), now);
            case FIXED_WINDOW -> fixedWindow(policy, inWindow);
        };
    }

    /**
     * One sentence on {@code usage}, e.g. {@code 3 certificates for this exact set of names issued in the last 168 h;
     * 2 of 5 left, the next returns 2026-11-26 13:00 UTC, in 31 h (one returns every 34 h)}.
     *
     * @param scope what the limit counts, e.g. {@code this exact set of names} or {@code example.com}
     * @param now   for how far away the next certificate is
     */
    public static String message(LimitPolicy policy, LimitUsage usage, String scope, Instant now) {
        boolean bucket = policy.mode() == LimitMode.TOKEN_BUCKET;
        String issued = bucket ? CertText.count(usage.issuedInWindow(), "certificate")
                : usage.issuedInWindow() + " of " + CertText.count(policy.capacity(), "certificate");
        String head = issued + " for " + scope + " issued in the last " + Durations.period(policy.window()) + "; ";
        if (usage.nextTokenAt() == null) {
            return head + "all " + policy.capacity() + " left";
        }
        String ofCapacity = bucket ? " of " + policy.capacity() : "";
        String refill = bucket ? " (one returns every " + Durations.period(policy.refill()) + ")" : "";
        return head + (usage.tokensLeft() == 0
                ? "none" + ofCapacity + " left: the CA refuses more until " + Moments.when(usage.nextTokenAt(), now)
                : usage.tokensLeft() + ofCapacity + " left, the next returns " + Moments.when(usage.nextTokenAt(), now))
                + refill;
    }

    /**
     * The limit as an alert's facts line shows it: {@code 4 of 5 left} for the current certificate's set; for a set
     * served before it, which is shown only when closer to exhausted, the set and when it returns, e.g. {@code 0 of 5
     * left for {api.example.com, www.api.example.com} until 2026-11-26 13:00 UTC, in 31 h (the set served here until
     * T2, before this certificate)}. A set no watched CA issued says so: {@code self-signed: no CA limit}.
     */
    public static String fact(LimitPolicy policy, NameSetUsage set, Instant now) {
        if (set.noLimit() != null) {
            return set.noLimit();
        }
        LimitUsage usage = set.usage();
        String left = usage.tokensLeft() + " of " + policy.capacity() + " left";
        if (set.current()) {
            return left;
        }
        String next = usage.nextTokenAt() == null ? ""
                : (usage.tokensLeft() == 0 ? " until " : ", the next returns ") + Moments.when(usage.nextTokenAt(), now);
        return left + " for " + set.namesText() + next + " " + set.served();
    }

    private static List<Instant> inWindow(LimitPolicy policy, List<Instant> past, Instant now) {
        Instant windowStart = now.minus(policy.window());
        return past.stream().filter(windowStart::isBefore).toList();
    }

    /** A serial as compared across sources: crt.sh and TLS stacks differ in case and leading zeros. */
    static String serialKey(String serialHex) {
        String stripped = serialHex.toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped;
    }

    /**
     * Let's Encrypt's model (GCRA): the bucket is tracked as the instant it is full again. Each certificate moves
     * that instant one refill later, yet never beyond a whole bucket from its issuance: the CA did issue it.
     */
    private static LimitUsage tokenBucket(LimitPolicy policy, List<Instant> past, int issuedInWindow, Instant now) {
        Duration wholeBucket = policy.refill().multipliedBy(policy.capacity());
        Instant fullAt = Instant.MIN;
        for (Instant at : past) {
            Instant taken = (fullAt.isAfter(at) ? fullAt : at).plus(policy.refill());
            Instant emptiedAt = at.plus(wholeBucket);
            fullAt = taken.isAfter(emptiedAt) ? emptiedAt : taken;
        }
        if (!fullAt.isAfter(now)) {
            return new LimitUsage(issuedInWindow, policy.capacity(), null, LimitUsage.Level.OK);
        }
        Duration missing = Duration.between(now, fullAt);
        long wholeTokens = missing.dividedBy(policy.refill());
        Duration partToken = missing.minus(policy.refill().multipliedBy(wholeTokens));
        int tokensLeft = policy.capacity() - (int) wholeTokens - (partToken.isZero() ? 0 : 1);
        Instant nextTokenAt = now.plus(partToken.isZero() ? policy.refill() : partToken);
        return new LimitUsage(issuedInWindow, tokensLeft, nextTokenAt, LimitUsage.Level.of(tokensLeft, policy));
    }

    private static LimitUsage fixedWindow(LimitPolicy policy, List<Instant> inWindow) {
        int count = inWindow.size();
        int tokensLeft = Math.max(0, policy.capacity() - count);
        // Over capacity, a certificate returns only once enough have left the window to bring the count below it.
        Instant nextTokenAt = count == 0 ? null
                : inWindow.get(Math.max(0, count - policy.capacity())).plus(policy.window());
        return new LimitUsage(count, tokensLeft, nextTokenAt, LimitUsage.Level.of(tokensLeft, policy));
    }
}
