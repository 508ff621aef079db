package io.descopefilter.core.internal.store;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract, on the default store: atomic operations, expiry in the store, shared by name. */
class MemoryStoreTest {

    private final TestClock clock = TestClock.at(Instant.EPOCH);
    private final MemoryStore store = new MemoryStore(clock);

    @Test
    void putIfAbsentStoresOnlyOnceUntilTheEntryExpires() {
        SharedMap map = store.map("locks", Duration.ofSeconds(5));

        assertThat(map.putIfAbsent("k", new byte[] {1})).isTrue();
        assertThat(map.putIfAbsent("k", new byte[] {2})).isFalse();
        assertThat(map.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));

        clock.advance(Duration.ofSeconds(5));

        assertThat(map.get("k")).as("expired in the store itself").isEmpty();
        assertThat(map.putIfAbsent("k", new byte[] {3})).as("an expired entry does not block a new one").isTrue();
    }

    @Test
    void putReplacesAndRestartsTheLifetime() {
        SharedMap map = store.map("results", Duration.ofSeconds(10));
        map.put("k", new byte[] {1});
        clock.advance(Duration.ofSeconds(8));
        map.put("k", new byte[] {2});
        clock.advance(Duration.ofSeconds(8));

        assertThat(map.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
    }

    @Test
    void takeHandsAnEntryToOneCallerOnly() throws Exception {
        SharedMap map = store.map("held", Duration.ofMinutes(5));
        map.put("k", new byte[] {7});
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> takes = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                takes.add(pool.submit(() -> {
                    go.await();
                    return map.take("k").isPresent();
                }));
            }
            go.countDown();
            int got = 0;
            for (Future<Boolean> take : takes) {
                got += take.get() ? 1 : 0;
            }
            assertThat(got).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(map.get("k")).isEmpty();
    }

    @Test
    void removeDropsAnEntry() {
        SharedMap map = store.map("m", Duration.ofMinutes(1));
        map.put("k", new byte[] {1});
        map.remove("k");
        assertThat(map.get("k")).isEmpty();
        assertThat(map.take("k")).isEmpty();
    }

    @Test
    void valuesAreCopiesSoACallerCannotChangeWhatIsStored() {
        SharedMap map = store.map("m", Duration.ofMinutes(1));
        byte[] value = {1, 2};
        map.put("k", value);
        value[0] = 9;
        map.get("k").orElseThrow()[1] = 9;

        assertThat(map.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
    }

    @Test
    void theSameNameAndLifetimeReachTheSameEntriesAndOtherNamesDoNot() {
        store.map("a", Duration.ofMinutes(1)).put("k", new byte[] {1});

        assertThat(store.map("a", Duration.ofMinutes(1)).get("k")).isPresent();
        assertThat(store.map("b", Duration.ofMinutes(1)).get("k")).isEmpty();
    }

    @Test
    void aMapStaysBoundedUnderAFloodOfKeys() {
        MemoryStore small = new MemoryStore(clock, 100);
        SharedMap map = small.map("flood", Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            map.put("k" + i, new byte[1024]);
        }
        long present = 0;
        for (int i = 0; i < 10_000; i++) {
            present += map.get("k" + i).isPresent() ? 1 : 0;
        }
        assertThat(present).isLessThanOrEqualTo(100);
    }

    @Test
    void aLimiterCountsPerKeyAndSharesItsCountByName() {
        SharedLimiter first = store.limiter("sends", 2, Duration.ofMinutes(1));
        SharedLimiter second = store.limiter("sends", 2, Duration.ofMinutes(1));

        assertThat(first.tryAcquire("ada")).isTrue();
        assertThat(second.tryAcquire("ada")).as("the same count").isTrue();
        assertThat(first.tryAcquire("ada")).isFalse();
        assertThat(second.isExhausted("ada")).isTrue();
        assertThat(second.tryAcquire("bob")).isTrue();
        assertThat(first.retryAfterSeconds("ada")).isBetween(1L, 60L);

        first.refund("ada");
        assertThat(second.tryAcquire("ada")).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(first.tryAcquire("ada")).as("a new window").isTrue();
    }

    @Test
    void aLimiterCountsUnreadableKeysUnderOneSharedKey() {
        SharedLimiter limiter = store.limiter("clients", 1, Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire(null)).isTrue();
        assertThat(limiter.tryAcquire("")).as("fails closed").isFalse();
    }
}
