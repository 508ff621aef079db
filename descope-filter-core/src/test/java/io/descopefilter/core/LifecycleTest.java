package io.descopefilter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.descopefilter.core.internal.http.DescopeTransport;
import io.descopefilter.core.internal.jwt.KeySetCache;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every thread the module starts belongs to a client or validator, is a named daemon, and ends with close(). */
class LifecycleTest {

    /** Our threads; the emulator's own are {@code descope-emulator-*}. */
    private static boolean isOurs(Thread thread) {
        return thread.getName().startsWith("descope-") && !thread.getName().startsWith("descope-emulator-");
    }

    private static Set<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(LifecycleTest::isOurs)
                .collect(Collectors.toSet());
    }

    @Test
    void closingClientsAndValidatorsStopsEveryThreadTheyStarted() throws Exception {
        Set<Thread> before = ourThreads(); // left by other test classes that never close what they made
        List<DescopeClient> clients = new ArrayList<>();
        List<SessionValidator> validators = new ArrayList<>();
        Set<Thread> started;
        try (DescopeEmulator emulator = EmulatedProject.start()) {
            for (int i = 0; i < 3; i++) {
                DescopeClient client = EmulatedProject.clientFor(emulator);
                clients.add(client);
                // Default executor: the validator fetches keys on a thread of its own.
                SessionValidator validator = SessionValidator.create(
                        SessionValidatorConfig.builder(emulator.projectId()).build(), client::fetchKeySetJson);
                validators.add(validator);
                EmulatorTokens tokens = emulator.issueSession(EmulatedProject.ALICE);
                assertThat(validator.validateSession(tokens.sessionJwt()).isValid()).isTrue();
                assertThat(client.me(tokens.refreshJwt()).email()).isEqualTo(EmulatedProject.ALICE);
            }
            started = ourThreads();
            started.removeAll(before);
            assertThat(started).extracting(Thread::getName)
                    .contains(DescopeTransport.DEADLINE_THREAD_NAME, KeySetCache.FETCH_THREAD_NAME)
                    .allMatch(name -> name.startsWith("descope-"));
            assertThat(started).allMatch(Thread::isDaemon);

            for (DescopeClient client : clients) {
                client.close();
                client.close(); // idempotent
            }
            for (SessionValidator validator : validators) {
                validator.close();
                validator.close();
            }
        }

        // Well inside the threads' few seconds of idle life: only close() can have ended them this soon.
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(started).as("threads still alive after close()").noneMatch(Thread::isAlive);
        Set<Thread> leftover = ourThreads();
        leftover.removeAll(before);
        assertThat(leftover).extracting(Thread::getName).as("threads started meanwhile").isEmpty();
    }

    @Test
    void aClientOrValidatorNeverClosedHoldsNoThreadForLong() throws Exception {
        Set<Thread> before = ourThreads();
        Set<Thread> started;
        try (DescopeEmulator emulator = EmulatedProject.start()) {
            DescopeClient forgotten = EmulatedProject.clientFor(emulator);
            SessionValidator alsoForgotten = SessionValidator.create(
                    SessionValidatorConfig.builder(emulator.projectId()).build(), forgotten::fetchKeySetJson);
            assertThat(alsoForgotten.validateSession(emulator.issueSession(EmulatedProject.ALICE).sessionJwt())
                    .isValid()).isTrue();
            started = ourThreads();
            started.removeAll(before);
            assertThat(started).isNotEmpty();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(started).as("idle threads end by themselves").noneMatch(Thread::isAlive);
    }

    @Test
    void aClosedClientRefusesCallsAndAClosedValidatorFetchesNoMore() {
        try (DescopeEmulator emulator = EmulatedProject.start()) {
            DescopeClient client = EmulatedProject.clientFor(emulator);
            SessionValidator validator = SessionValidator.create(SessionValidatorConfig.builder(emulator.projectId())
                    .keyFetchExecutor(Runnable::run).build(), client::fetchKeySetJson);
            String sessionJwt = emulator.issueSession(EmulatedProject.ALICE).sessionJwt();
            assertThat(validator.validateSession(sessionJwt).isValid()).isTrue();
            client.close();
            validator.close();

            assertThatThrownBy(client::fetchKeySetJson).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(validator.validateSession(sessionJwt).isValid()).as("held keys still verify").isTrue();
            emulator.rotateKeys();
            String newKid = emulator.issueSession(EmulatedProject.ALICE).sessionJwt();
            assertThat(validator.validateSession(newKid).rejection()).contains(Rejection.UNKNOWN_KEY_ID);
            assertThat(emulator.requestCount("/v2/keys/" + emulator.projectId())).isEqualTo(1);
        }
    }
}
