package dev.vigil.cert;

import dev.vigil.lb.PodStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The re-issues of a churn that each followed a (re)start of an ingress controller's pod: the evidence that the ingress
 * requests a certificate every time it starts.
 *
 * <p>A re-issue is timed by when Vigil first saw it served, not by its {@code notBefore}: a CA may backdate that
 * (Let's Encrypt by about an hour), while the first sighting is surely after the issuance. So "first seen within N
 * after a (re)start" is what the evidence shows, N including the wait for the probe's next run.
 *
 * @param matched  how many re-issues followed a start
 * @param reissues how many re-issues there were: the churn's certificates after the first
 * @param within   the longest time from a start to the first sighting of the re-issue it preceded, whole seconds
 * @param pods     the pods whose starts preceded a re-issue, in the order of those re-issues
 */
public record RestartMatch(int matched, int reissues, Duration within, List<PodStarts> pods) {
    /** A start longer than this before a re-issue was seen is not taken as its cause. */
    static final Duration BOUND = Duration.ofMinutes(10);
    /** Pods named in the sentence; more are counted. */
    private static final int NAMED = 3;

    public RestartMatch {
        Objects.requireNonNull(within, "within");
        pods = List.copyOf(pods);
    }

    /**
     * For each re-issue among {@code certificates} (oldest first; all but the first), the latest start of any of
     * {@code pods} after the previous certificate was first seen and at most {@code bound} before the re-issue was;
     * empty when no re-issue has one. Pure.
     */
    static Optional<RestartMatch> find(List<Observation> certificates, List<PodStarts> pods, Duration bound) {
        int matched = 0;
        Duration within = Duration.ZERO;
        Map<String, PodStarts> named = new LinkedHashMap<>();
        for (int i = 1; i < certificates.size(); i++) {
            Instant previous = certificates.get(i - 1).firstSeen();
            Instant seen = certificates.get(i).firstSeen();
            PodStarts latestPod = null;
            Instant latest = null;
            for (PodStarts pod : pods) {
                for (Instant start : pod.starts()) {
                    boolean candidate = start.isAfter(previous) && !start.isAfter(seen)
                            && Duration.between(start, seen).compareTo(bound) <= 0;
                    if (candidate && (latest == null || start.isAfter(latest))) {
                        latest = start;
                        latestPod = pod;
                    }
                }
            }
            if (latest != null) {
                matched++;
                within = max(within, wholeSecondsUp(Duration.between(latest, seen)));
                named.putIfAbsent(latestPod.pod(), latestPod);
            }
        }
        int reissues = Math.max(0, certificates.size() - 1);
        return matched == 0 ? Optional.empty()
                : Optional.of(new RestartMatch(matched, reissues, within, List.copyOf(named.values())));
    }

    /**
     * The clause the churn sentence gains, e.g. {@code each re-issue was first seen within 12 s after a (re)start of
     * pod traefik-7d4b9c-x2x9z (4 restarts)} or {@code 2 of 3 re-issues were first seen within 1 m 5 s after a
     * (re)start of pod traefik-a or traefik-b}.
     */
    public String clause() {
        String which = matched == reissues ? "each re-issue was" : matched + " of " + reissues + " re-issues "
                + (matched == 1 ? "was" : "were");
        return which + " first seen within " + seconds(within) + " after a (re)start of pod " + podNames();
    }

    private String podNames() {
        List<String> names = pods.stream().limit(NAMED).map(RestartMatch::podName).collect(Collectors.toList());
        int others = pods.size() - names.size();
        if (others > 0) {
            names.add(CertText.count(others, "other"));
        }
        return names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    private static String podName(PodStarts pod) {
        return pod.restarts() == 0 ? pod.pod() : pod.pod() + " (" + CertText.count(pod.restarts(), "restart") + ")";
    }

    /** {@code 12 s}, {@code 1 m 5 s}, {@code 10 m}. */
    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s / 60 + " m" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    private static Duration wholeSecondsUp(Duration d) {
        Duration whole = Duration.ofSeconds(d.toSeconds());
        return whole.equals(d) ? whole : whole.plusSeconds(1);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
