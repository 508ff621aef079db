package io.descopefilter.jakarta.internal.limits;

import io.descopefilter.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of log lines becomes one line per interval. */
class ThrottledLogTest {

    private final TestClock clock = TestClock.at(Instant.EPOCH);

    @Test
    void rl_aFloodOfLogLinesBecomesOneLinePerInterval() {
        System.Logger logger = System.getLogger("test.throttled");
        ThrottledLog log = new ThrottledLog(logger, System.Logger.Level.INFO, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 1000; i++) {
            log.log("Link verification failed: {0}", "x");
        }
        assertThat(log.pending()).isEqualTo(999);
        clock.advance(Duration.ofMinutes(1));
        log.log("Link verification failed: {0}", "x");
        assertThat(log.pending()).isZero();
    }
}
