package dev.vigil.state;

import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Observation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Vigil that saves without end: opens the state directory {@code args[0]}, then forever adds to one endpoint an
 * observation whose serial is the next number (in hex), saves, and prints {@code acked N}. Starts from what the
 * directory holds, or from 2,000 endpoints so that each save takes milliseconds. Exits 2 with the message on stderr
 * when the directory cannot be opened; stops when nobody reads its output any more.
 */
public final class StateWriterChild {
    static final Endpoint ENDPOINT = new Endpoint("crash.example.com", 443, "crash.example.com");
    private static final int ENDPOINTS = 2_000;

    private StateWriterChild() {
    }

    public static void main(String[] args) throws IOException {
        try (StateStore store = StateStore.open(Path.of(args[0]), Clock.systemUTC())) {
            VigilState state = store.load().state();
            if (state.endpoints().isEmpty()) {
                state = SampleStates.sized(ENDPOINTS);
            }
            EndpointHistory history = state.endpoints().getOrDefault(ENDPOINT.key(), EndpointHistory.empty(ENDPOINT));
            for (long n = history.observations().size() + 1; ; n++) {
                List<Observation> observations = new ArrayList<>(history.observations());
                observations.add(SampleStates.observation(Long.toHexString(n), ENDPOINT.host(), SampleStates.NOW));
                history = new EndpointHistory(ENDPOINT, history.probes(), observations, history.changes(),
                        history.expiryWarned(), history.ctQueriedAt(), history.ctIssuances(), history.ctFailure());
                Map<String, EndpointHistory> endpoints = new TreeMap<>(state.endpoints());
                endpoints.put(ENDPOINT.key(), history);
                state = state.withEndpoints(endpoints);
                store.save(state);
                System.out.println("acked " + n);
                if (System.out.checkError()) {
                    return; // the test reading the acknowledgements is gone
                }
            }
        } catch (StateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
