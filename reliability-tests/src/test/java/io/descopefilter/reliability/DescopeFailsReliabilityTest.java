package io.descopefilter.reliability;

import io.descopefilter.emulator.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 2 (circuit breaker): Descope answers 429 with Retry-After, 503, garbage, or drops connections. The
 * breaker opens, calls fall to the probe rate, users get clear answers, and lifting the fault recovers without a
 * restart within the breaker's wait.
 */
class DescopeFailsReliabilityTest extends ReliabilityScenario {

    private static Fault fault(String kind) {
        return switch (kind) {
            case "429" -> Fault.status(429, null);
            case "503" -> Fault.status(503, null);
            case "garbage" -> Fault.malformedBody();
            case "drop" -> Fault.dropConnection();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The failing phase, this long at scale 1. */
    private static final int PHASE_SECONDS = 6;

    @ParameterizedTest(name = "Descope answers {0}")
    @ValueSource(strings = {"429", "503", "garbage", "drop"})
    @ScaledTimeout(seconds = 60, scaledSeconds = PHASE_SECONDS)
    void rl_breakerOpensCallsFallToTheProbeRateAndLiftingTheFaultRecovers(String kind) throws Exception {
        Duration phase = Load.scaled(Duration.ofSeconds(PHASE_SECONDS));
        for (String path : Harness.API_PATHS) {
            if (!path.startsWith("/v2/keys/")) {
                harness.emulator.faults().set(path, fault(kind));
            }
        }
        harness.emulator.resetRequestCounts();
        Map<String, Load.Result> failing = Load.run(phase, Long.MAX_VALUE,
                new Load.Stream("landing", 4, n -> traffic.landing("bad-token-" + n, Load.randomClient())),
                new Load.Stream("send", 4, n -> traffic.send("u" + n + "-" + System.nanoTime() + "@example.com",
                        Load.randomClient())),
                new Load.Stream("signed-in", 4, traffic::signedIn));
        long reached = harness.descopeCalls();
        harness.emulator.faults().clear();

        long start = System.nanoTime();
        int landing = 0;
        int send = 0;
        while (System.nanoTime() - start < Harness.BREAKER_WAIT.multipliedBy(3).toNanos()) {
            landing = traffic.status(traffic.landing("bad-token-after", Load.randomClient()));
            send = traffic.status(traffic.send("after" + System.nanoTime() + "@example.com", Load.randomClient()));
            if ((landing == 400 || landing == 410) && send == 200) {
                break;
            }
            Thread.sleep(100);
        }
        long recoveryMillis = (System.nanoTime() - start) / 1_000_000;

        Load.Result landings = failing.get("landing");
        Load.Result sends = failing.get("send");
        long offered = landings.total() + sends.total();
        // Probes: one per wait (Retry-After 1 s for the 429 fault, else breakerWait), plus the calls in flight
        // before the breaker opened (at most the verify and send bulkheads) and the failures that open it.
        long probes = phase.toSeconds() / (kind.equals("429") ? 1 : Harness.BREAKER_WAIT.toSeconds()) + 2;
        long bound = 5 + 4 + 4 + probes * 2;
        Figures.record("Descope answers " + kind + " on every endpoint but the key set",
                failing.values().toString(),
                "requests that needed Descope: " + offered + ", calls that reached Descope: " + reached
                        + " (bound " + bound + ")",
                "recovered " + recoveryMillis + " ms after the fault was lifted (breaker wait "
                        + Harness.BREAKER_WAIT.toMillis() + " ms)");

        assertThat(offered).isGreaterThan(200);
        assertThat(reached).as("calls fall to the probe rate").isLessThanOrEqualTo(bound);
        assertThat(landings.count(503) + landings.count(429)).as("a clear page").isEqualTo(landings.total());
        assertThat(landings.withRetryAfter.get()).isEqualTo(landings.total());
        assertThat(sends.count(503)).as("TRY_LATER").isEqualTo(sends.total());
        Load.Result signedIn = failing.get("signed-in");
        assertThat(signedIn.count(200)).isEqualTo(signedIn.total());
        assertThat(landing).as("a landing reaches Descope again").isIn(400, 410);
        assertThat(send).as("a send goes out again").isEqualTo(200);
        assertThat(recoveryMillis).isLessThanOrEqualTo(Harness.BREAKER_WAIT.toMillis() + 1_500);
    }
}
