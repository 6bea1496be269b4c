package dev.vigil.state;

import java.nio.file.Path;

/**
 * What {@link StateStore#load()} found.
 *
 * @param state         the state read, or an empty one on a first start or after a recovery
 * @param endpoints     how many endpoints it holds
 * @param observations  how many certificate observations it holds, over all endpoints
 * @param recoveredFrom where the unreadable state file was moved aside to; null unless that happened
 */
record LoadedState(VigilState state, int endpoints, int observations, Path recoveredFrom) {
    static LoadedState of(VigilState state, Path recoveredFrom) {
        int observations = state.endpoints().values().stream().mapToInt(history -> history.observations().size()).sum();
        return new LoadedState(state, state.endpoints().size(), observations, recoveredFrom);
    }
}
