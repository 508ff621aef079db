package io.descopefilter.jakarta.internal.send;

import io.descopefilter.testsupport.TestClock;

import java.time.Instant;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SendLimiterTest {

    private final TestClock clock = TestClock.at(Instant.EPOCH);

    @Test
    void sl02_limitsSendsPerLoginIdPerWindow() {
        SendLimiter limiter = new SendLimiter(3, 100, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice@example.com", "10.0.0." + i)).isTrue();
        }
        assertThat(limiter.tryAcquire("alice@example.com", "10.0.0.9")).isFalse();
        assertThat(limiter.tryAcquire("bob@example.com", "10.0.0.9")).isTrue();

        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.tryAcquire("alice@example.com", "10.0.0.9")).isTrue();
    }

    @Test
    void sl02_limitsSendsPerClientAcrossManyLoginIds() {
        SendLimiter limiter = new SendLimiter(3, 5, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("user" + i + "@example.com", "10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("victim@example.com", "10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("victim@example.com", "10.0.0.2")).isTrue();
    }

    @Test
    void sl02_aClientOverItsLimitDoesNotUseUpTheVictimsAllowance() {
        SendLimiter limiter = new SendLimiter(3, 1, Duration.ofSeconds(60), clock);
        limiter.tryAcquire("other@example.com", "10.0.0.1");
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("victim@example.com", "10.0.0.1")).isFalse();
        }
        assertThat(limiter.tryAcquire("victim@example.com", "10.0.0.2")).isTrue();
    }

    @Test
    void rl10_aFloodOfDistinctKeysStaysWithinCapacityAndEvictsInsteadOfRefusing() {
        SendLimiter limiter = new SendLimiter(3, 5, Duration.ofSeconds(60), clock, 1_000);
        for (int i = 0; i < 20_000; i++) {
            limiter.tryAcquire("flood" + i + "@example.com", "198.51." + (i / 250) + "." + (i % 250));
        }
        long[] sizes = limiter.sizes();
        assertThat(sizes[0]).isLessThanOrEqualTo(1_000);
        assertThat(sizes[1]).isLessThanOrEqualTo(1_000);
        // A table full of the flood still counts a newcomer instead of refusing it (no silent "accepted").
        assertThat(limiter.tryAcquire("alice@example.com", "203.0.113.5")).isTrue();
    }

    @Test
    void retryAfterCountsTheSecondsLeftInTheWindow() {
        io.descopefilter.core.internal.store.KeyedLimiter limiter =
                new io.descopefilter.core.internal.store.KeyedLimiter(1, Duration.ofSeconds(60), 10, clock);
        assertThat(limiter.tryAcquire("k")).isTrue();
        clock.advance(Duration.ofMillis(15_500));
        assertThat(limiter.tryAcquire("k")).isFalse();
        assertThat(limiter.retryAfterSeconds("k")).isEqualTo(45);
    }
}
