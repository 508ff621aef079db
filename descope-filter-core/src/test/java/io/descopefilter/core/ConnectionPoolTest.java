package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.pool.PoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.descopefilter.testsupport.Emulators;

/** One client shares a bounded pool of kept-alive connections across calls and threads. */
class ConnectionPoolTest {

    private static final int MAX_CONNECTIONS = 4;

    private DescopeEmulator emulator;
    private DescopeClient client;
    private String keysPath;

    @BeforeEach
    void start() {
        emulator = EmulatedProject.start();
        client = DescopeClient.create(EmulatedProject.configFor(emulator).maxConnections(MAX_CONNECTIONS).build());
        keysPath = "/v2/keys/" + Emulators.PROJECT_ID;
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void fiftySequentialCallsReuseOnePooledConnection() {
        String refreshJwt = emulator.issueSession(ALICE).refreshJwt();

        for (int i = 0; i < 25; i++) {
            assertThat(client.fetchKeySetJson()).contains("keys");
            assertThat(client.me(refreshJwt).email()).isEqualTo(ALICE);
        }

        PoolStats stats = client.connectionPoolStats();
        assertThat(stats.getLeased()).isZero();
        // Sequential calls never need a second connection; the one kept alive proves it was returned for reuse.
        assertThat(stats.getAvailable()).isEqualTo(1);
        assertThat(emulator.requestCount(keysPath)).isEqualTo(25);
    }

    @Test
    void concurrentCallsFromSeveralThreadsStayWithinThePool() throws Exception {
        int threads = 8;
        int callsPerThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch startTogether = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    startTogether.await();
                    int ok = 0;
                    for (int i = 0; i < callsPerThread; i++) {
                        if (client.fetchKeySetJson().contains("keys")) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            startTogether.countDown();
            int succeeded = 0;
            for (Future<Integer> result : results) {
                succeeded += result.get(30, TimeUnit.SECONDS);
            }

            assertThat(succeeded).isEqualTo(threads * callsPerThread);
            PoolStats stats = client.connectionPoolStats();
            assertThat(stats.getLeased()).isZero();
            assertThat(stats.getAvailable()).isBetween(1, MAX_CONNECTIONS);
            assertThat(emulator.requestCount(keysPath)).isEqualTo((long) threads * callsPerThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenDescopeHangsCallsBeyondThePoolFailFastInsteadOfQueueing_rl07() throws Exception {
        try (DescopeClient single = DescopeClient.create(EmulatedProject.configFor(emulator)
                .maxConnections(1)
                .connectTimeout(Duration.ofMillis(300))
                .responseTimeout(Duration.ofSeconds(3))
                .build())) {
            emulator.faults().set(keysPath, Fault.latency(Duration.ofSeconds(2)).times(1));
            ExecutorService background = Executors.newSingleThreadExecutor();
            try {
                Future<String> hanging = background.submit(single::fetchKeySetJson);
                awaitLeased(single);

                long start = System.nanoTime();
                DescopeException e = catchThrowableOfType(DescopeException.class, single::fetchKeySetJson);
                Duration waited = Duration.ofNanos(System.nanoTime() - start);

                assertThat(e.isTimeout()).as(e.getMessage()).isTrue();
                assertThat(e.getMessage()).contains("pooled connections stayed busy");
                assertThat(waited).isLessThan(Duration.ofMillis(1500));
                assertThat(hanging.get(10, TimeUnit.SECONDS)).contains("keys");
            } finally {
                background.shutdownNow();
            }
        }
    }

    /** Waits until the background call holds the only connection (its request is in the emulator's latency). */
    private static void awaitLeased(DescopeClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.connectionPoolStats().getLeased() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the background call never leased a connection");
            }
            Thread.onSpinWait();
        }
    }
}
