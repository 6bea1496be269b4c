package dev.vigil.agent;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The standard {@code process_*} metrics of Prometheus' client libraries, so generic exporter alerts and panels find
 * Vigil: CPU time, open and maximum file descriptors, resident and virtual memory, start time. Read as client_java
 * reads them: the JDK's management beans, and {@code /proc/self/status} for memory on Linux, each only when the page
 * is scraped. A metric the platform cannot give (memory outside Linux, descriptors on Windows) is left out, not
 * reported as zero.
 */
final class ProcessMetrics {
    private static final Path STATUS = Path.of("/proc/self/status");
    /** /proc/self/status is about 1.5 KiB; anything past this is not the file we know. */
    private static final int STATUS_LIMIT = 64 * 1024;

    private ProcessMetrics() {
    }

    static void register(MeterRegistry registry) {
        // Micrometer keeps only a weak reference to a meter's object; the platform bean is a singleton the JDK holds.
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("Total user and system CPU time spent").register(registry);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            Gauge.builder("process.open.fds", unix, UnixOperatingSystemMXBean::getOpenFileDescriptorCount)
                    .description("Number of open file descriptors").register(registry);
            Gauge.builder("process.max.fds", unix, UnixOperatingSystemMXBean::getMaxFileDescriptorCount)
                    .description("Maximum number of open file descriptors").register(registry);
        }
        memory(registry, "process.resident.memory", "VmRSS", "Resident memory size");
        memory(registry, "process.virtual.memory", "VmSize", "Virtual memory size");
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        Gauge.builder("process.start.time", () -> started / 1000.0).baseUnit("seconds")
                .description("Start time of the process since unix epoch").register(registry);
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
        try (InputStream in = Files.newInputStream(STATUS)) {
            return kibibytes(new String(in.readNBytes(STATUS_LIMIT), StandardCharsets.US_ASCII), field).stream()
                    .map(k -> k * 1024).findFirst();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return OptionalLong.empty();
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
