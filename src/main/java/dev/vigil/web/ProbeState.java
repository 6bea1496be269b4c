package dev.vigil.web;

import java.util.Locale;
import java.util.Optional;

/** A probe's state as the page shows it; down first, as the list orders them. */
public enum ProbeState {
    DOWN, UNKNOWN, UP;

    /** The name in URLs, {@code data-state} and CSS classes, e.g. {@code down}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a health: true up, false down, null before the first run. */
    public static ProbeState of(Boolean up) {
        return up == null ? UNKNOWN : up ? UP : DOWN;
    }

    /** The state whose {@link #id()} is {@code id}, or empty. */
    public static Optional<ProbeState> ofId(String id) {
        for (ProbeState state : values()) {
            if (state.id().equals(id)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
