package dev.vigil.agent;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The standard {@code process_*} metrics of Prometheus' client libraries, so generic exporter alerts and panels find
 * Vigil: CPU time, open and maximum file descriptors, resident and virtual memory, start time. Read from
 * {@link ProcessHandle} and, on Linux, {@code /proc/self} ({@code status}, {@code fd}, {@code limits}), each only when
 * the page is scraped; not through the JDK's management beans, which would add two modules to the jlinked runtime and
 * their start-up to every agent. A metric the platform cannot give (memory and descriptors outside Linux) is left out,
 * not reported as zero.
 */
final class ProcessMetrics {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Path FDS = Path.of("/proc/self/fd");
    /** /proc/self/status is about 1.5 KiB and /proc/self/limits 1.3 KiB; anything past this is not the file we know. */
    private static final int PROC_FILE_LIMIT = 64 * 1024;

    private ProcessMetrics() {
    }

    static void register(MeterRegistry registry) {
        ProcessHandle self = ProcessHandle.current();
        if (cpu(self).isPresent()) {
            // Micrometer keeps only a weak reference to a meter's object; the JDK holds the current process's handle.
            FunctionCounter.builder("process.cpu", self, handle -> cpu(handle).map(d -> d.toNanos() / 1e9)
                    .orElse(Double.NaN)).baseUnit("seconds").description("Total user and system CPU time spent")
                    .register(registry);
        }
        if (openFds().isPresent()) {
            Gauge.builder("process.open.fds", () -> {
                OptionalLong open = openFds();
                return open.isPresent() ? open.getAsLong() : Double.NaN;
            }).description("Number of open file descriptors").register(registry);
        }
        OptionalLong max = maxFds();
        if (max.isPresent()) {
            Gauge.builder("process.max.fds", max::getAsLong).description("Maximum number of open file descriptors")
                    .register(registry);
        }
        memory(registry, "process.resident.memory", "VmRSS", "Resident memory size");
        memory(registry, "process.virtual.memory", "VmSize", "Virtual memory size");
        self.info().startInstant().ifPresent(started -> Gauge.builder("process.start.time",
                () -> started.toEpochMilli() / 1000.0).baseUnit("seconds")
                .description("Start time of the process since unix epoch").register(registry));
    }

    private static Optional<Duration> cpu(ProcessHandle handle) {
        return handle.info().totalCpuDuration();
    }

    /** The entries of /proc/self/fd, the one the count is read through included, as client_java counts them. */
    private static OptionalLong openFds() {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            long count = 0;
            for (Path ignored : fds) {
                count++;
            }
            return OptionalLong.of(count);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /** The soft limit of open files, from /proc/self/limits; empty where there is none or it is unlimited. */
    private static OptionalLong maxFds() {
        Optional<String> limits = read(LIMITS);
        return limits.isPresent() ? softLimit(limits.get(), "Max open files") : OptionalLong.empty();
    }

    /** The soft limit of a {@code Max open files  1024  4096  files} line of /proc/self/limits. */
    static OptionalLong softLimit(String limits, String name) {
        for (String line : limits.split("\n")) {
            if (line.startsWith(name + " ")) {
                String[] words = line.substring(name.length()).strip().split("\\s+");
                if (words.length > 0 && !words[0].isEmpty() && words[0].length() <= 18
                        && words[0].chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Long.parseLong(words[0]));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static void memory(MeterRegistry registry, String name, String field, String description) {
        if (statusBytes(field).isPresent()) {
            Supplier<Number> read = () -> {
                OptionalLong bytes = statusBytes(field);
                return bytes.isPresent() ? bytes.getAsLong() : Double.NaN;
            };
            Gauge.builder(name, read).baseUnit("bytes").description(description).register(registry);
        }
    }

    /** A field of /proc/self/status in bytes; empty where there is no such file or field. */
    private static OptionalLong statusBytes(String field) {
        return read(STATUS).map(status -> kibibytes(status, field)).filter(OptionalLong::isPresent)
                .map(k -> OptionalLong.of(k.getAsLong() * 1024)).orElse(OptionalLong.empty());
    }

    /** A small file of /proc, whole; empty where there is none. */
    private static Optional<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(PROC_FILE_LIMIT), StandardCharsets.US_ASCII));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The value of a {@code Name:   1234 kB} line of /proc/self/status, in kB (which there means KiB). */
    static OptionalLong kibibytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":") && line.endsWith(" kB")) {
                String number = line.substring(field.length() + 1, line.length() - 3).strip();
                if (!number.isEmpty() && number.length() <= 18 && number.chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Long.parseLong(number));
                }
            }
        }
        return OptionalLong.empty();
    }
}
