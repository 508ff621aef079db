package io.descopefilter.core;

import io.descopefilter.core.internal.store.GuardedStore;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.Fault;
import io.descopefilter.testsupport.Emulators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker's verdict, opened on one node, is honoured by the others; a failing store leaves each node its own. */
class SharedCircuitBreakerTest {

    private final DescopeEmulator emu = Emulators.start(builder -> { });
    private final String keysPath = "/v2/keys/" + PROJECT_ID;
    private final List<DescopeClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(DescopeClient::close);
        emu.close();
    }

    private DescopeClient node(io.descopefilter.core.store.SharedStore store) {
        DescopeClient client = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl(emu.baseUrl()).retryBudget(Duration.ZERO)
                .protection(new CallProtection(Map.of(), 1, Duration.ofSeconds(60))).build());
        clients.add(client);
        client.shareCircuitBreaker(store);
        return client;
    }

    /** Calls until the verdict of the other node has been read (it is read off the calling thread), bounded. */
    private DescopeException refusedWithin(DescopeClient client) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                client.fetchKeySetJson();
            } catch (DescopeException e) {
                return e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the other node's verdict was never honoured");
    }

    @Test
    void aBreakerOpenedOnOneNodeStopsCallsFromTheOthersUntilItsTime() throws Exception {
        MemoryStore store = new MemoryStore(Clock.systemUTC());
        DescopeClient one = node(store);
        DescopeClient two = node(store);
        emu.faults().set(keysPath, Fault.status(503, "E000").times(1));
        assertThatThrownBy(one::fetchKeySetJson).isInstanceOf(DescopeException.class);
        long callsBefore = emu.requestCount(keysPath);

        DescopeException refused = refusedWithin(two);

        assertThat(refused.getMessage()).contains("circuit breaker is open on another node");
        assertThat(refused.retryAfterSeconds().orElseThrow()).isBetween(1L, 60L);
        long reached = emu.requestCount(keysPath) - callsBefore;
        assertThatThrownBy(two::fetchKeySetJson).isInstanceOf(DescopeException.class);
        assertThat(emu.requestCount(keysPath) - callsBefore).as("refused without a call").isEqualTo(reached);
    }

    @Test
    void aFailingStoreLeavesEachNodeItsOwnBreaker() throws Exception {
        FaultyStore faulty = new FaultyStore(new MemoryStore(Clock.systemUTC()), Duration.ofMillis(50));
        faulty.mode(FaultyStore.Mode.THROWING);
        GuardedStore guarded = new GuardedStore(faulty);
        DescopeClient one = node(guarded);
        DescopeClient two = node(guarded);
        emu.faults().set(keysPath, Fault.status(503, "E000").times(1));
        assertThatThrownBy(one::fetchKeySetJson).isInstanceOf(DescopeException.class);

        for (int i = 0; i < 10; i++) {
            assertThat(two.fetchKeySetJson()).as("node two still calls Descope").isNotEmpty();
            Thread.sleep(20);
        }
        assertThatThrownBy(one::fetchKeySetJson).as("node one's own breaker is open")
                .hasMessageContaining("circuit breaker is open");
    }
}
