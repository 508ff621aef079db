package io.descopefilter.store.contract;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SharedStore} does, whatever holds its entries: atomic map operations that stay atomic under
 * races, expiry in the store, and token-bucket limiters with refunds. A store's test extends this class (or {@link
 * DistributedStoreContract} for a store that several nodes share) and says how to open one instance.
 *
 * <p>Every test uses fresh map and limiter names, so a store server may be shared by all tests of a class. Waits
 * for expiry poll with a bound; nothing asserts how long an operation took.
 */
public abstract class SharedStoreContract {

    /** How long a test waits at most for something the store does by itself (expiry, refill). */
    protected static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final int THREADS = 16;

    private final List<SharedStore> opened = new ArrayList<>();

    /**
     * Opens a new instance of the store under test, as a node of the application would (for a shared store: its
     * own provider and connection, so two instances are two nodes). The contract closes it after the test.
     */
    protected abstract SharedStore openStore();

    /** A new store instance, closed after the test. */
    protected final SharedStore node() {
        SharedStore store = openStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    final void closeNodes() {
        for (SharedStore store : opened) {
            store.close();
        }
        opened.clear();
    }

    /** A name no other test (or earlier run against the same server) used. */
    protected static String fresh(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putIfAbsentStoresOnlyTheFirstValue() {
        SharedMap map = node().map(fresh("map"), LONG);

        assertThat(map.putIfAbsent("k", bytes("first"))).isTrue();
        assertThat(map.putIfAbsent("k", bytes("second"))).isFalse();

        assertThat(map.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("first")));
    }

    @Test
    void putReplacesAndGetReads() {
        SharedMap map = node().map(fresh("map"), LONG);

        assertThat(map.get("k")).isEmpty();
        map.put("k", bytes("one"));
        map.put("k", bytes("two"));

        assertThat(map.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("two")));
        assertThat(map.get("other")).isEmpty();
    }

    @Test
    void takeReturnsTheValueOnceAndRemoveRemoves() {
        SharedMap map = node().map(fresh("map"), LONG);
        map.put("taken", bytes("v"));
        map.put("removed", bytes("w"));

        assertThat(map.take("taken")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
        assertThat(map.take("taken")).isEmpty();
        assertThat(map.get("taken")).isEmpty();

        map.remove("removed");
        map.remove("never-there");
        assertThat(map.get("removed")).isEmpty();
        assertThat(map.putIfAbsent("removed", bytes("again"))).isTrue();
    }

    @Test
    void valuesAreOpaqueBytes() {
        SharedMap map = node().map(fresh("map"), LONG);
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }

        map.put("all", every);
        map.put("empty", new byte[0]);

        assertThat(map.get("all")).hasValueSatisfying(v -> assertThat(v).isEqualTo(every));
        assertThat(map.get("empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void mapsOfOneNameShareEntriesAndOtherNamesDoNot() {
        SharedStore store = node();
        String name = fresh("map");
        SharedMap first = store.map(name, LONG);
        SharedMap again = store.map(name, LONG);
        SharedMap other = store.map(fresh("map"), LONG);

        first.put("k", bytes("v"));

        assertThat(again.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
        assertThat(other.get("k")).isEmpty();
    }

    @Test
    void ofConcurrentPutIfAbsentCallsExactlyOneWins() throws Exception {
        SharedMap map = node().map(fresh("race"), LONG);

        for (int round = 0; round < 10; round++) {
            String key = "k" + round;
            List<Boolean> won = race(THREADS, i -> map.putIfAbsent(key, bytes("writer-" + i)));

            assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
            int winner = won.indexOf(Boolean.TRUE);
            assertThat(map.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("writer-" + winner)));
        }
    }

    @Test
    void ofConcurrentTakersExactlyOneGetsTheValue() throws Exception {
        SharedMap map = node().map(fresh("take"), LONG);

        for (int round = 0; round < 10; round++) {
            String key = "k" + round;
            map.put(key, bytes("once"));
            List<Optional<byte[]>> taken = race(THREADS, i -> map.take(key));

            assertThat(taken).filteredOn(Optional::isPresent).hasSize(1);
            assertThat(map.get(key)).isEmpty();
        }
    }

    @Test
    void entriesExpireInTheStoreAfterTheirLifetime() {
        SharedMap map = node().map(fresh("ttl"), Duration.ofSeconds(1));
        map.put("k", bytes("short-lived"));
        map.putIfAbsent("other", bytes("short-lived"));

        awaitTrue("the entries expire", () -> map.get("k").isEmpty() && map.get("other").isEmpty());

        assertThat(map.take("k")).isEmpty();
        assertThat(map.putIfAbsent("k", bytes("new"))).isTrue();
    }

    @Test
    void entriesLiveUntilTheirLifetimeIsOver() {
        SharedMap map = node().map(fresh("ttl"), LONG);
        map.put("k", bytes("v"));

        assertThat(map.get("k")).isPresent();
    }

    @Test
    void aLimiterAllowsItsLimitPerKeyThenRefuses() {
        SharedLimiter limiter = node().limiter(fresh("limit"), 3, Duration.ofHours(1));

        assertThat(limiter.isExhausted("a")).isFalse();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.isExhausted("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();

        assertThat(limiter.isExhausted("b")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
    }

    @Test
    void isExhaustedTakesNoToken() {
        SharedLimiter limiter = node().limiter(fresh("limit"), 1, Duration.ofHours(1));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.isExhausted("a")).isFalse();
        }
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void aRefundGivesOneTokenBack() {
        SharedLimiter limiter = node().limiter(fresh("limit"), 2, Duration.ofHours(1));
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        assertThat(limiter.tryAcquire("a")).isFalse();

        limiter.refund("a");

        assertThat(limiter.isExhausted("a")).isFalse();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void refundsNeverRaiseAKeyAboveItsLimit() {
        SharedLimiter limiter = node().limiter(fresh("limit"), 2, Duration.ofHours(1));

        for (int i = 0; i < 5; i++) {
            limiter.refund("a");
        }

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void retryAfterIsBetweenOneSecondAndTheWindow() {
        SharedLimiter limiter = node().limiter(fresh("limit"), 1, Duration.ofSeconds(60));
        assertThat(limiter.retryAfterSeconds("fresh")).isBetween(1L, 60L);

        limiter.tryAcquire("a");

        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.retryAfterSeconds("a")).isBetween(1L, 60L);
    }

    @Test
    void anExhaustedKeyGetsItsTokensBackAfterTheWindow() {
        SharedLimiter limiter = node().limiter(fresh("limit"), 1, Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a")).isTrue();

        awaitTrue("the window refills the bucket", () -> limiter.tryAcquire("a"));
    }

    @Test
    void ofConcurrentAcquiresExactlyTheLimitSucceed() throws Exception {
        SharedLimiter limiter = node().limiter(fresh("limit"), 10, Duration.ofHours(1));

        List<Boolean> acquired = race(THREADS * 2, i -> limiter.tryAcquire("a"));

        assertThat(acquired).filteredOn(Boolean::booleanValue).hasSize(10);
    }

    @Test
    void describeNamesTheStoreAndPingAnswers() {
        SharedStore store = node();

        store.ping();

        assertThat(store.describe()).isNotBlank();
    }

    /** A unit of work of thread {@code i} in a race. */
    @FunctionalInterface
    protected interface Racer<T> {
        T run(int i) throws Exception;
    }

    /** Runs {@code racer} on {@code threads} threads released at once; the results in thread order. */
    protected static <T> List<T> race(int threads, Racer<T> racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int i = t;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return racer.run(i);
                };
                futures.add(pool.submit(task));
            }
            assertThat(ready.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls {@code condition} until it holds, for at most {@link #PATIENCE}; fails if it never does. */
    protected static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
