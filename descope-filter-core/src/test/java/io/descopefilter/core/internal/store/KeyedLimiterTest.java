package io.descopefilter.core.internal.store;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue items 1 and 4: reserve then refund under concurrency; bounded tables that evict instead of refusing. */
class KeyedLimiterTest {

    private final TestClock clock = TestClock.at(Instant.EPOCH);

    @Test
    void rl_concurrentReservationsNeverExceedTheLimit() throws Exception {
        KeyedLimiter limiter = new KeyedLimiter(30, Duration.ofSeconds(60), 1000, clock);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger passed = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            done.add(pool.submit(() -> {
                go.await();
                if (limiter.tryAcquire("198.51.100.9")) {
                    passed.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(passed.get()).isEqualTo(30);
    }

    @Test
    void rl_aRefundGivesTheReservationBack() {
        KeyedLimiter limiter = new KeyedLimiter(1, Duration.ofSeconds(60), 10, clock);
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.isExhausted("k")).isTrue();
        limiter.refund("k");
        assertThat(limiter.tryAcquire("k")).isTrue();
        limiter.refund("k");
        limiter.refund("k");
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.tryAcquire("k")).as("refunds never exceed the limit").isFalse();
    }

    @Test
    void rl_aFloodOfNewKeysIsEvictedAndABusyKeyStaysCounted() {
        KeyedLimiter limiter = new KeyedLimiter(30, Duration.ofSeconds(60), 1_000, clock);
        for (int i = 0; i < 30; i++) {
            limiter.tryAcquire("attacker");
            limiter.isExhausted("attacker");
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.tryAcquire("flood-" + i)).as("a new key is counted, never refused").isTrue();
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1_000);
        assertThat(limiter.tryAcquire("attacker")).as("fails closed for the busy key").isFalse();
    }

    @Test
    void rl_anUnknownKeyIsCountedUnderOneSharedKey() {
        KeyedLimiter limiter = new KeyedLimiter(2, Duration.ofSeconds(60), 10, clock);
        assertThat(limiter.tryAcquire(null)).isTrue();
        assertThat(limiter.tryAcquire("")).isTrue();
        assertThat(limiter.tryAcquire(null)).isFalse();
    }

    @Test
    void theWindowRefillsTheBucket() {
        KeyedLimiter limiter = new KeyedLimiter(1, Duration.ofSeconds(60), 10, clock);
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.tryAcquire("k")).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.tryAcquire("k")).isTrue();
    }
}
