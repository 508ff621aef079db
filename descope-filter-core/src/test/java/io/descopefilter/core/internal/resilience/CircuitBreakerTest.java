package io.descopefilter.core.internal.resilience;

import io.descopefilter.core.CallKind;
import io.descopefilter.core.CallProtection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue item 2: open, honour Retry-After, probe once (half-open), close on success. Item 1: bulkheads. */
class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), Duration.ofMinutes(5),
            now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void rl_opensAfterFailuresInARowThenOneProbeClosesIt() {
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryPass()).isEqualTo(CircuitBreaker.Pass.ALLOWED);
            breaker.onFailure(-1, false, false, "HTTP 503");
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryPass()).isEqualTo(CircuitBreaker.Pass.REFUSED);
        assertThat(breaker.secondsUntilProbe()).isEqualTo(10);

        advance(Duration.ofSeconds(10));
        assertThat(breaker.tryPass()).isEqualTo(CircuitBreaker.Pass.PROBE);
        assertThat(breaker.tryPass()).as("only one probe").isEqualTo(CircuitBreaker.Pass.REFUSED);
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryPass()).isEqualTo(CircuitBreaker.Pass.ALLOWED);
    }

    @Test
    void rl_rateLimitsInARowOpenForRetryAfterAndAFailedProbeOpensAgain() {
        breaker.onFailure(2, true, false, "HTTP 429");
        assertThat(breaker.state()).as("one user's rate limit must not stop everyone's sign-in")
                .isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure(2, true, false, "HTTP 429");
        breaker.onFailure(2, true, false, "HTTP 429");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.secondsUntilProbe()).isEqualTo(2);
        advance(Duration.ofSeconds(2));
        assertThat(breaker.tryPass()).isEqualTo(CircuitBreaker.Pass.PROBE);
        breaker.onFailure(-1, false, true, "timeout");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.secondsUntilProbe()).isEqualTo(10);
    }

    @Test
    void rl_successesResetTheCount() {
        breaker.onFailure(-1, false, false, "x");
        breaker.onFailure(-1, false, false, "x");
        breaker.onSuccess();
        breaker.onFailure(-1, false, false, "x");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void rl_bulkheadsRefuseBeyondTheirCapWithoutWaiting() {
        Bulkheads bulkheads = new Bulkheads(new CallProtection(Map.of(CallKind.VERIFY, 2), 0,
                Duration.ofSeconds(1)));
        assertThat(bulkheads.tryAcquire(CallKind.VERIFY)).isTrue();
        assertThat(bulkheads.tryAcquire(CallKind.VERIFY)).isTrue();
        assertThat(bulkheads.tryAcquire(CallKind.VERIFY)).isFalse();
        assertThat(bulkheads.tryAcquire(CallKind.KEYS)).as("other kinds are not affected").isTrue();
        bulkheads.release(CallKind.VERIFY);
        assertThat(bulkheads.tryAcquire(CallKind.VERIFY)).isTrue();
    }

    @Test
    void callKindsFollowThePath() {
        assertThat(CallKind.ofPath("/v2/keys/P123")).isEqualTo(CallKind.KEYS);
        assertThat(CallKind.ofPath("/v1/auth/refresh")).isEqualTo(CallKind.REFRESH);
        assertThat(CallKind.ofPath("/v1/auth/magiclink/verify")).isEqualTo(CallKind.VERIFY);
        assertThat(CallKind.ofPath("/v1/auth/enchantedlink/verify")).isEqualTo(CallKind.VERIFY);
        assertThat(CallKind.ofPath("/v1/auth/enchantedlink/pending-session")).isEqualTo(CallKind.POLL);
        assertThat(CallKind.ofPath("/v1/auth/logout")).isEqualTo(CallKind.LOGOUT);
        assertThat(CallKind.ofPath("/v1/auth/magiclink/signin/email")).isEqualTo(CallKind.SEND);
        assertThat(CallKind.ofPath("/v1/mgmt/user/signin/embeddedlink")).isEqualTo(CallKind.SEND);
        assertThat(CallKind.ofPath("/v1/mgmt/user/create")).isEqualTo(CallKind.OTHER);
    }
}
