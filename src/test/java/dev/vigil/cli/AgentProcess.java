package dev.vigil.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil run --config CONFIG --listen 127.0.0.1:0 --state-dir DIR/state} as a child JVM on the test class path,
 * with the launcher's restricted-header option, as a service manager runs it. Its stderr goes to {@code DIR/stderr.log},
 * which outlives the process, unlike a pipe; {@link #close()} kills whatever is still running.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;

    private AgentProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /**
     * Starts the agent.
     *
     * @param jvmOptions  further {@code -D…} options for the child JVM
     * @param environment variables added to the child's environment
     */
    static AgentProcess start(Path dir, Path config, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        return start(dir, config, jvmOptions, environment, List.of());
    }

    /**
     * Starts the agent with further options of {@code vigil run}, e.g. {@code --web.enable-lifecycle}.
     *
     * @param runOptions options added after the command's own
     */
    static AgentProcess start(Path dir, Path config, List<String> jvmOptions, Map<String, String> environment,
            List<String> runOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--config", config.toString(), "--listen", "127.0.0.1:0",
                "--state-dir", dir.resolve("state").toString()));
        command.addAll(runOptions);
        Path stderr = dir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new AgentProcess(builder.start(), stderr);
    }

    Process process() {
        return process;
    }

    /** The agent's log so far. */
    List<String> log() {
        try {
            return Files.readAllLines(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
