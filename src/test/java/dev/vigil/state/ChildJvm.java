package dev.vigil.state;

import java.io.IOException;
import java.nio.file.Path;

/** Starts a main class of the tests in a JVM of its own, as a second Vigil would run. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The running child; its stdout is a pipe to read, its stderr goes to {@code stderr}. */
    static Process start(Class<?> main, Path stderr, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = main.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }
}
