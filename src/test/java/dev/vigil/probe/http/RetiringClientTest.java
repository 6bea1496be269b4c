package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetiringClientTest {
    private final AtomicInteger made = new AtomicInteger();
    private final List<Integer> shut = new ArrayList<>();
    private final RetiringClient<Integer> clients = new RetiringClient<>(made::incrementAndGet, shut::add);

    @Test
    void healthyRunsShareOneClientThatStaysOpen() {
        var a = clients.acquire();
        var b = clients.acquire();
        assertSame(a, b);
        clients.release(a, false);
        clients.release(b, false);
        assertSame(a, clients.acquire());
        assertEquals(List.of(), shut);
    }

    @Test
    void aFailedRunRetiresTheClientOnceItsOtherRunsEnd() {
        var failing = clients.acquire();
        var other = clients.acquire();
        clients.release(failing, true);
        assertEquals(List.of(), shut, "another run still uses the client");
        var next = clients.acquire();
        assertNotSame(failing, next);
        assertEquals(2, next.client());
        clients.release(other, false);
        assertEquals(List.of(1), shut);
        clients.release(next, false);
        assertEquals(List.of(1), shut);
    }

    @Test
    void aLoneFailedRunShutsItsClientAtOnce() {
        clients.release(clients.acquire(), true);
        assertEquals(List.of(1), shut);
    }

    @Test
    void closeShutsTheCurrentClient() {
        clients.acquire();
        clients.close();
        assertEquals(List.of(1), shut);
    }

    @Test
    void aRunAfterCloseGetsAClientOfItsOwnThatItsReleaseShuts() {
        clients.close();
        var late = clients.acquire();
        assertEquals(1, late.client());
        clients.release(late, false);
        assertEquals(List.of(1), shut);
    }
}
