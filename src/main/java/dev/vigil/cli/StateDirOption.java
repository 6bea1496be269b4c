package dev.vigil.cli;

import dev.vigil.state.StateDirectory;
import dev.vigil.state.StateStore;
import dev.vigil.state.VigilState;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --state-dir} of the commands that read what the agent saved ({@code vigil certs}, {@code vigil why}): read
 * without locking it, so they work beside a running agent.
 */
final class StateDirOption {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The state directory (default: $STATE_DIRECTORY, else ./vigil-state).")
    String stateDir;

    /** The directory the flag, the environment or the default names. */
    Path resolve(CliContext context) {
        return StateDirectory.resolve(stateDir, context.environment(), Path.of(""));
    }

    /**
     * The state saved last in {@code dir}; a usage error of {@code spec}'s command when there is none or it cannot be
     * read.
     */
    static VigilState read(Path dir, CommandSpec spec) {
        try {
            return StateStore.readUnlocked(dir);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--state-dir: no " + dir.resolve(StateStore.FILE_NAME)
                    + " yet; has Vigil run with this state directory?");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--state-dir: " + e.getMessage());
        }
    }
}
