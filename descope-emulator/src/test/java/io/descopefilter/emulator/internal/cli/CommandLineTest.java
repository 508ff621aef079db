package io.descopefilter.emulator.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.descopefilter.emulator.EmulatorConfig;
import io.descopefilter.emulator.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static final String PID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

    private static EmulatorConfig parse(String... extra) throws UsageException {
        List<String> args = new ArrayList<>(List.of("--project-id", PID, "--management-key", "K2cli"));
        args.addAll(List.of(extra));
        return CommandLine.parse(args.toArray(String[]::new));
    }

    @Test
    void withoutRateLimitOptionsTheDefaultsApply() throws Exception {
        assertThat(parse().rateLimit()).isEqualTo(RateLimit.defaults());
    }

    @Test
    void bothRateLimitsAreSetAsRequestsPerSeconds() throws Exception {
        RateLimit limit = parse("--rate-limit-per-login-id", "3/10", "--rate-limit-per-client", "500/1").rateLimit();

        assertThat(limit).isEqualTo(new RateLimit(3, Duration.ofSeconds(10), 500, Duration.ofSeconds(1)));
    }

    @Test
    void oneRateLimitLeavesTheOtherAtItsDefault() throws Exception {
        RateLimit limit = parse("--rate-limit-per-client", "0/60").rateLimit();

        assertThat(limit).isEqualTo(RateLimit.defaults().perClient(0, Duration.ofMinutes(1)));
    }

    @Test
    void noRateLimitsTurnsBothOff() throws Exception {
        assertThat(parse("--no-rate-limits").rateLimit()).isEqualTo(RateLimit.unlimited());
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/", "/60", "20/0", "-1/60", "a/60", "20/60s", "20 / 60", "9999999999/60"})
    void aMalformedRateLimitIsAUsageError(String value) {
        assertThatThrownBy(() -> parse("--rate-limit-per-login-id", value))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rate-limit-per-login-id");
    }

    @Test
    void aRateLimitOptionIsGivenOnceAndNotWithNoRateLimits() {
        assertThatThrownBy(() -> parse("--rate-limit-per-client", "1/1", "--rate-limit-per-client", "2/1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("--no-rate-limits", "--rate-limit-per-client", "2/1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--no-rate-limits");
        assertThatThrownBy(() -> parse("--rate-limit-per-client"))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
    }

    @Test
    void theUsageListsTheRateLimitOptions() {
        assertThat(CommandLine.USAGE).contains("--rate-limit-per-login-id <n>/<seconds>")
                .contains("--rate-limit-per-client <n>/<seconds>").contains("--no-rate-limits");
    }
}
