package dev.vigil.state;

import java.nio.file.Path;
import java.util.function.Function;

/** Where Vigil keeps state: the {@code --state-dir} flag, else systemd's {@code StateDirectory=}, else a default. */
public final class StateDirectory {
    /** The folder used when neither the flag nor the environment names one, relative to the working directory. */
    public static final String DEFAULT = "vigil-state";

    private StateDirectory() {
    }

    /**
     * The state directory: {@code flag} when given, else the first of the colon-separated paths in
     * {@code $STATE_DIRECTORY}, else {@code vigil-state} in {@code workingDir}. Relative paths are resolved against
     * {@code workingDir}; an empty flag or variable counts as not given.
     *
     * @param flag       the {@code --state-dir} value, null when the flag was not given
     * @param env        the process environment, e.g. {@code System::getenv}
     * @param workingDir the working directory
     */
    public static Path resolve(String flag, Function<String, String> env, Path workingDir) {
        if (flag != null && !flag.isEmpty()) {
            return workingDir.resolve(flag);
        }
        String fromSystemd = env.apply("STATE_DIRECTORY");
        // systemd lists one path per StateDirectory= entry; the first is the unit's own.
        String first = fromSystemd == null ? "" : fromSystemd.split(":", -1)[0];
        return workingDir.resolve(first.isEmpty() ? DEFAULT : first);
    }
}
