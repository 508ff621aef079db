package io.descopefilter.core;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.testsupport.Emulators;
import java.util.function.Consumer;

/** The client tests' users on an {@link Emulators} emulator, and clients pointed at it. */
final class EmulatedProject {

    static final String ALICE = "alice@example.com";
    static final String ALICE_PHONE = "+15555550100";
    /** A user whose login ID is a phone number, for the phone channels. */
    static final String PHONE_USER = "+15555550111";

    /** Seeds Alice (login ID: her email; she also has a phone) and a user whose login ID is a phone number. */
    static final Consumer<DescopeEmulator.Builder> USERS = builder -> builder
            .seedUser(EmulatorUser.builder(ALICE).phone(ALICE_PHONE).name("Alice").build())
            .seedUser(EmulatorUser.builder(PHONE_USER).name("Phil").build());

    private EmulatedProject() {
    }

    /** An emulator with the {@link #USERS}. */
    static DescopeEmulator start() {
        return Emulators.start(USERS);
    }

    /** An emulator with the {@link #USERS} and these further settings. */
    static DescopeEmulator start(Consumer<DescopeEmulator.Builder> settings) {
        return Emulators.start(USERS.andThen(settings));
    }

    /** Client settings pointing at the emulator, with the management key. */
    static DescopeClientConfig.Builder configFor(DescopeEmulator emulator) {
        return DescopeClientConfig.builder()
                .projectId(emulator.projectId())
                .managementKey(emulator.managementKey())
                .baseUrl(emulator.baseUrl());
    }

    static DescopeClient clientFor(DescopeEmulator emulator) {
        return DescopeClient.create(configFor(emulator).build());
    }

    /** The {@code t} token of the newest link sent to this address. */
    static String latestToken(DescopeEmulator emulator, String to) {
        return emulator.outbox().latestTo(to).orElseThrow().firstLink().token();
    }
}
