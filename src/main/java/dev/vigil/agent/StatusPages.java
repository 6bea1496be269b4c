package dev.vigil.agent;

import java.util.Optional;

/** The status pages the agent serves at {@code /} and {@code /probes/<name>} (HTML) and {@code /api/v1/status}. */
interface StatusPages {
    /**
     * The list of probes.
     *
     * @param rawQuery the request's query string, still encoded, or null
     * @param prefix   the path the agent is served under, already checked, or empty
     */
    String overview(String rawQuery, String prefix);

    /** The page of the probe named {@code name}, or empty when there is none. */
    Optional<String> probe(String name, String prefix);

    /**
     * The agent and its probes as JSON, for its peers; with {@code probe=NAME} in the raw query, that probe only, and
     * empty when there is none of that name.
     */
    Optional<String> status(String rawQuery);
}
