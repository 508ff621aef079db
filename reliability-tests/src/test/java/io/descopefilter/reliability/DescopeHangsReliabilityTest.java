package io.descopefilter.reliability;

import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 1 (bulkheads) and 5 (reserved capacity): Descope hangs on every endpoint while signed-in users and
 * requests that need Descope (landings, refreshes, sends) run together.
 */
class DescopeHangsReliabilityTest extends ReliabilityScenario {

    private Map<String, Load.Result> mixedLoad(Duration duration, List<String> refreshTokens) throws Exception {
        return Load.run(duration, Long.MAX_VALUE,
                new Load.Stream("signed-in", 8, traffic::signedIn),
                new Load.Stream("landing", 4, n -> traffic.landing("bad-token-" + n, Load.randomClient())),
                new Load.Stream("refresh", 4, n -> traffic.refreshOnly(
                        refreshTokens.get((int) (n % refreshTokens.size())), Load.randomClient())),
                new Load.Stream("send", 4, n -> traffic.send("u" + n + "-" + System.nanoTime() + "@example.com",
                        Load.randomClient())));
    }

    private static List<String> refreshTokens(int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EmulatorTokens issued = harness.emulator.issueSession(Harness.Users.email(i % Harness.Users.COUNT));
            tokens.add(issued.refreshJwt());
        }
        return tokens;
    }

    /** The healthy and the hanging phase, each this long at scale 1. */
    private static final int PHASE_SECONDS = 8;

    @Test
    @ScaledTimeout(seconds = 90, scaledSeconds = 2 * PHASE_SECONDS)
    void rl_descopeHangs_signedInUsersAreUntouchedAndEverythingElseAnswersWithinTheCallTimeout() throws Exception {
        Duration phase = Load.scaled(Duration.ofSeconds(PHASE_SECONDS));
        // Warm-up: the key set, JIT, connections.
        Load.run(Duration.ofSeconds(2), Long.MAX_VALUE, new Load.Stream("warm-up", 4, traffic::signedIn));

        Map<String, Load.Result> healthy = mixedLoad(phase, refreshTokens(400));

        for (String path : Harness.API_PATHS) {
            harness.emulator.faults().set(path, Fault.latency(Duration.ofSeconds(20)));
        }
        harness.emulator.resetRequestCounts();
        Map<String, Load.Result> hanging;
        int maxWaiting;
        try (WaitingThreads waiting = new WaitingThreads()) {
            hanging = mixedLoad(phase, refreshTokens(400));
            maxWaiting = waiting.max();
        }
        long callsDuringHang = harness.descopeCalls();
        harness.emulator.faults().clear();

        Load.Result okBefore = healthy.get("signed-in");
        Load.Result okDuring = hanging.get("signed-in");
        double needDescopeMax = Math.max(hanging.get("landing").maxMillis(),
                Math.max(hanging.get("refresh").maxMillis(), hanging.get("send").maxMillis()));
        Figures.record("Descope hangs (every endpoint +20 s; call timeout 2 s)",
                "without fault: " + healthy.values(),
                "with fault: " + hanging.values(),
                "signed-in p99 " + String.format("%.1f", okBefore.percentileMillis(99)) + " ms -> "
                        + String.format("%.1f", okDuring.percentileMillis(99)) + " ms",
                "slowest request that needed Descope: " + String.format("%.0f", needDescopeMax) + " ms",
                "most container threads waiting on Descope at once: " + maxWaiting + " (cap "
                        + Harness.WAITING_CAP + ")",
                "calls that reached Descope during the hang: " + callsDuringHang);

        assertThat(okDuring.total()).isGreaterThan(100);
        assertThat(okDuring.count(200)).as("every signed-in request succeeds").isEqualTo(okDuring.total());
        // 2x the p99 of the same load without the fault; a 5 ms floor keeps sub-millisecond noise out.
        assertThat(okDuring.percentileMillis(99)).isLessThanOrEqualTo(2 * Math.max(okBefore.percentileMillis(99), 5));
        assertThat(needDescopeMax).as("a clear answer within the call timeout")
                .isLessThanOrEqualTo(Harness.CALL_TIMEOUT.toMillis() + 1_000);
        assertThat(hanging.get("landing").count(503)).isEqualTo(hanging.get("landing").total());
        assertThat(hanging.get("landing").withRetryAfter.get()).isEqualTo(hanging.get("landing").total());
        assertThat(hanging.get("send").count(503)).as("TRY_LATER").isEqualTo(hanging.get("send").total());
        assertThat(hanging.get("refresh").count(302) + hanging.get("refresh").count(401))
                .as("signed out for now: the login redirect").isEqualTo(hanging.get("refresh").total());
        assertThat(maxWaiting).isLessThanOrEqualTo(Harness.WAITING_CAP);
    }
}
