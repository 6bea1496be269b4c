package dev.vigil.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What {@code vigil_build_info} reports: Vigil's version and the git commit it was built from, as Maven wrote them
 * into {@code build.properties} (the commit only when the build is given {@code -Dvigil.revision}), and the Java
 * version it runs on. {@code unknown} for what the build did not record.
 */
record BuildInfo(String version, String revision, String javaVersion) {
    private static final String UNKNOWN = "unknown";
    private static final int LIMIT = 4096;

    /** Read from the class path; a missing or unfiltered file gives {@code unknown}. */
    static BuildInfo current() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(new StringReader(new String(in.readNBytes(LIMIT), StandardCharsets.UTF_8)));
            }
        } catch (IOException | IllegalArgumentException e) {
            // Left unknown: build_info is a label set, not worth failing the agent over.
        }
        return new BuildInfo(known(build.getProperty("version")), known(build.getProperty("revision")),
                System.getProperty("java.version", UNKNOWN));
    }

    /** The value, or {@code unknown} for none, an empty one, or a {@code ${...}} Maven left unreplaced. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
    }
}
