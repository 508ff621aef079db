package io.descopefilter.core.client;

import io.descopefilter.emulator.DescopeEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh emulator seeded with Alice and a client with the management key, per test: the contract tests' setup. */
abstract class EmulatedDescopeTest {

    protected DescopeEmulator emulator;
    protected DescopeClient client;

    @BeforeEach
    void startEmulatorAndClient() {
        emulator = TestEmulator.start();
        TestEmulator.seedAlice(emulator);
        client = TestEmulator.clientFor(emulator);
    }

    @AfterEach
    void stopEmulatorAndClient() {
        client.close();
        emulator.close();
    }
}
