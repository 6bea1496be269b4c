package dev.vigil.lb;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When one pod started and its containers (re)started, as far as the API server still tells: the pod's
 * {@code status.startTime}, and for each container the start of its current run and of the one before.
 *
 * @param pod      the pod's name
 * @param starts   the start times, oldest first, each once
 * @param restarts the sum of its containers' {@code restartCount}
 */
public record PodStarts(String pod, List<Instant> starts, int restarts) {
    public PodStarts {
        Objects.requireNonNull(pod, "pod");
        starts = starts.stream().sorted().distinct().toList();
    }
}
