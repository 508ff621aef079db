package io.descopefilter.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** One filter on Tomcat and one emulator per scenario class, started before its tests and stopped after. */
abstract class ReliabilityScenario {

    static Harness harness;
    static Traffic traffic;

    @BeforeAll
    static void start() throws Exception {
        harness = Harness.start(Map.of());
        traffic = new Traffic(harness);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.emulator.faults().clear();
        harness.close();
    }
}
