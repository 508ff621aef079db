package io.descopefilter.it.support;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process Descope emulator for one test class: {@code @RegisterExtension static final TestDescope DESCOPE}.
 * It starts on first use, which is the class's {@code @Deployment} method (the WAR's {@code web.xml} needs the
 * emulator's URL), and stops after the class.
 */
public final class TestDescope implements AfterAllCallback {

    public static final String PROJECT_ID = "P2itTestProject0000000000000Z";
    public static final String MANAGEMENT_KEY = "K2itManagementKey000000000000000000000Z";

    private static final AtomicInteger USER_SEQUENCE = new AtomicInteger();

    private final UnaryOperator<DescopeEmulator.Builder> customisation;
    private DescopeEmulator emulator;

    private TestDescope(UnaryOperator<DescopeEmulator.Builder> customisation) {
        this.customisation = customisation;
    }

    /** An emulator with the contract's defaults (10-minute sessions and links). */
    public static TestDescope withDefaults() {
        return new TestDescope(UnaryOperator.identity());
    }

    /** An emulator with some settings changed, e.g. {@code b -> b.sessionTtl(Duration.ofSeconds(2))}. */
    public static TestDescope configured(UnaryOperator<DescopeEmulator.Builder> customisation) {
        return new TestDescope(customisation);
    }

    public synchronized DescopeEmulator emulator() {
        if (emulator == null) {
            DescopeEmulator.Builder builder = DescopeEmulator.builder()
                    .projectId(PROJECT_ID)
                    .managementKey(MANAGEMENT_KEY)
                    .port(0)
                    .approvedDomains(List.of(Nodes.HOST, "localhost"))
                    .linkTtl(Duration.ofMinutes(10));
            emulator = customisation.apply(builder).start();
        }
        return emulator;
    }

    /** A new user with an email login ID unique in this JVM, e.g. {@code alice-7@example.com}. */
    public TestUser newEmailUser(String name) {
        return newUser(name, user -> { });
    }

    /** A new email user; {@code details} may add a phone, roles, tenants... */
    public TestUser newUser(String name, Consumer<EmulatorUser.Builder> details) {
        String loginId = uniqueEmail(name);
        EmulatorUser.Builder builder = EmulatorUser.builder(loginId).name(name);
        details.accept(builder);
        EmulatorUser user = builder.build();
        String userId = emulator().createUser(user);
        return new TestUser(userId, user.loginId(), user.email(), user.phone());
    }

    /** A new user whose login ID is a phone number (E.164), for SMS links. */
    public TestUser newPhoneUser(String name) {
        String phone = uniquePhone();
        EmulatorUser user = EmulatorUser.builder(phone).name(name).build();
        String userId = emulator().createUser(user);
        return new TestUser(userId, user.loginId(), user.email(), user.phone());
    }

    /** An email address no user has yet. */
    public static String uniqueEmail(String name) {
        return name + "-" + USER_SEQUENCE.incrementAndGet() + "@example.com";
    }

    /** A phone number no user has yet. */
    public static String uniquePhone() {
        return "+1555" + String.format("%07d", USER_SEQUENCE.incrementAndGet());
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
