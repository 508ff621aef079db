package io.descopefilter.core.internal.store;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failing store reaches the filter as StoreUnavailableException, and is skipped after failing repeatedly. */
class GuardedStoreTest {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final MemoryStore memory = new MemoryStore(io.descopefilter.testsupport.TestClock.at(Instant.EPOCH));
    private final GuardedStore guarded = new GuardedStore(new Flaky(), 3, Duration.ofSeconds(5), nanos::get);

    /** The memory store, unless {@link #down}: then every call fails the way a client library fails. */
    private final class Flaky implements SharedStore {
        private void maybeFail() {
            calls.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("connection refused redis://user:hunter2@10.0.0.1");
            }
        }

        @Override
        public SharedMap map(String name, Duration timeToLive) {
            SharedMap map = memory.map(name, timeToLive);
            return new SharedMap() {
                public boolean putIfAbsent(String key, byte[] value) {
                    maybeFail();
                    return map.putIfAbsent(key, value);
                }

                public void put(String key, byte[] value) {
                    maybeFail();
                    map.put(key, value);
                }

                public java.util.Optional<byte[]> get(String key) {
                    maybeFail();
                    return map.get(key);
                }

                public java.util.Optional<byte[]> take(String key) {
                    maybeFail();
                    return map.take(key);
                }

                public void remove(String key) {
                    maybeFail();
                    map.remove(key);
                }
            };
        }

        @Override
        public SharedLimiter limiter(String name, long limit, Duration window) {
            SharedLimiter limiter = memory.limiter(name, limit, window);
            return new SharedLimiter() {
                public boolean tryAcquire(String key) {
                    maybeFail();
                    return limiter.tryAcquire(key);
                }

                public void refund(String key) {
                    maybeFail();
                    limiter.refund(key);
                }

                public boolean isExhausted(String key) {
                    maybeFail();
                    return limiter.isExhausted(key);
                }

                public long retryAfterSeconds(String key) {
                    maybeFail();
                    return limiter.retryAfterSeconds(key);
                }
            };
        }

        @Override
        public void ping() {
            maybeFail();
        }

        @Override
        public String describe() {
            return "flaky test store";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aWorkingStoreIsPassedThrough() {
        SharedMap map = guarded.map("m", Duration.ofMinutes(1));
        assertThat(map.putIfAbsent("k", new byte[] {1})).isTrue();
        assertThat(map.get("k")).isPresent();
        assertThat(guarded.limiter("l", 1, Duration.ofMinutes(1)).tryAcquire("a")).isTrue();
        assertThat(guarded.describe()).isEqualTo("flaky test store");
    }

    @Test
    void everyFailureBecomesStoreUnavailableWithoutTheStoresMessage() {
        down.set(true);
        SharedMap map = guarded.map("m", Duration.ofMinutes(1));

        assertThatThrownBy(() -> map.get("k")).isInstanceOf(StoreUnavailableException.class)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> guarded.limiter("l", 1, Duration.ofMinutes(1)).tryAcquire("a"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(guarded::ping).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void afterFailuresInARowTheStoreIsSkippedThenOneProbeBringsItBack() {
        down.set(true);
        SharedMap map = guarded.map("m", Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> map.get("k")).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(guarded.isSkipped()).isTrue();
        int before = calls.get();

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> map.put("k", new byte[1])).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(calls.get()).as("a skipped store is not asked, so nobody waits for its timeout").isEqualTo(before);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThatThrownBy(() -> map.get("k")).as("the probe fails").isInstanceOf(StoreUnavailableException.class);
        assertThat(calls.get()).isEqualTo(before + 1);
        assertThatThrownBy(() -> map.get("k")).isInstanceOf(StoreUnavailableException.class);
        assertThat(calls.get()).as("skipped again after a failed probe").isEqualTo(before + 1);

        down.set(false);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(map.get("k")).isEmpty();
        assertThat(guarded.isSkipped()).isFalse();
        map.put("k", new byte[] {1});
        assertThat(map.get("k")).isPresent();
    }

    @Test
    void aSuccessResetsTheCountOfFailures() {
        SharedMap map = guarded.map("m", Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            down.set(true);
            assertThatThrownBy(() -> map.get("k")).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> map.get("k")).isInstanceOf(StoreUnavailableException.class);
            down.set(false);
            map.get("k");
        }
        assertThat(guarded.isSkipped()).isFalse();
    }
}
