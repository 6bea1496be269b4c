package dev.vigil.agent;

import java.util.List;

/**
 * What a reload attempt did.
 *
 * @param applied true when the new config is running; false when it was rejected and the old one kept
 * @param summary one line for a person: what changed, or why it was rejected
 * @param errors  every config error, each with its file:line:column and JSON path; empty when applied
 */
record ReloadOutcome(boolean applied, String summary, List<String> errors) {
    public ReloadOutcome {
        errors = List.copyOf(errors);
    }
}
