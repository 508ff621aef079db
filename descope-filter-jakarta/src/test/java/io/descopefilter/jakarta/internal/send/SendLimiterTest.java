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
    void rl10_aFloodOfDistinctKeysStaysWithinCapacityAndFailsClosed() {
        FixedWindowCounter counter = new FixedWindowCounter(Duration.ofSeconds(60), 100, clock);
        for (int i = 0; i < 100; i++) {
            assertThat(counter.increment("key" + i)).isEqualTo(1);
        }
        assertThat(counter.increment("one-too-many")).isEqualTo(Integer.MAX_VALUE);
        assertThat(counter.size()).isEqualTo(100);
        assertThat(counter.increment("key7")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(60));
        assertThat(counter.increment("fresh")).isEqualTo(1);
        assertThat(counter.size()).isEqualTo(1);
    }

    @Test
    void retryAfterCountsTheSecondsLeftInTheWindow() {
        FixedWindowCounter counter = new FixedWindowCounter(Duration.ofSeconds(60), 10, clock);
        clock.set(Instant.ofEpochMilli(60_000L * 1000 + 15_500));
        assertThat(counter.secondsUntilNextWindow()).isEqualTo(45);
    }
}
