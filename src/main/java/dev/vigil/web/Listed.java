package dev.vigil.web;

import java.util.Map;

/**
 * What the list filters and orders every probe by. Read for each probe on each request, so an implementation answers
 * from what it holds without copying; the rest of a row is asked for only for the rows shown.
 */
public interface Listed {
    String name();

    String url();

    ProbeState state();

    Map<String, String> labels();

    /** The agent that runs it; null for the agent serving the page. */
    default Where where() {
        return null;
    }
}
