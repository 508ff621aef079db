package io.descopefilter.it.health;

import static io.descopefilter.it.health.HealthWar.check;
import static io.descopefilter.it.health.HealthWar.descopeCheck;
import static io.descopefilter.it.health.HealthWar.health;
import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.Fault;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.Eventually;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code descope-filter-microprofile-health} on Payara Micro, whose own MicroProfile Health answers
 * {@code /health/ready}: the {@code @Readiness} check {@code descope} of the WAR's filter is UP with its checks as
 * data, and DOWN with 503 while the filter's circuit breaker is open (Descope failed), then UP again once Descope
 * answers. The WAR is not at {@code /health}, which is Payara's. One deployment for the class (the adapter boots
 * one Payara per WAR), so the tests run in order: the breaker is opened only after the UP answer was seen.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ReadinessHealthIT {

    private static final String SIGN_IN_EMAIL = "/v1/auth/magiclink/signin/email";
    private static final JsonObject ALL_UP = Json.createObjectBuilder().add("keys", "UP").add("descope", "UP").build();

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    // One Descope failure opens the breaker, for 5 seconds: long enough to read /health/ready, short enough to see
    // it close again. The test sends many links to one login ID while the breaker is open.
    static final TestApp APP = TestApp.named("shop", DESCOPE)
            .with("breakerFailures", "1")
            .with("breakerWait", "5")
            .with("sendLimitPerLoginId", "1000");

    @Deployment(testable = false)
    public static WebArchive app() {
        return HealthWar.of(APP);
    }

    @Test
    @Order(1)
    void readyIsUpWithTheDescopeCheckAndItsData() {
        Browser browser = APP.newBrowser();

        Page ready = health(browser, "/health/ready");

        assertThat(ready.status()).as("%s", ready).isEqualTo(200);
        assertThat(ready.json().getString("status")).as("%s", ready).isEqualTo("UP");
        JsonObject descope = descopeCheck(ready);
        assertThat(descope.getString("status")).as("%s", ready).isEqualTo("UP");
        assertThat(descope.getJsonObject("data")).as("%s", ready).isEqualTo(ALL_UP);
        // Readiness only: /health has it too, /health/live does not.
        Page all = health(browser, "/health");
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        assertThat(descopeCheck(all).getString("status")).as("%s", all).isEqualTo("UP");
        Page live = health(browser, "/health/live");
        assertThat(live.status()).as("%s", live).isEqualTo(200);
        assertThat(check(live, "descope")).as("%s", live).isEmpty();
        // The filter beside the health module signs people in as ever.
        TestUser alice = DESCOPE.newEmailUser("alice");
        new LinkSignIn(APP, DESCOPE).signIn(browser, alice);
        assertThat(new LinkSignIn(APP, DESCOPE).whoAmI(browser).getString("principalName"))
                .isEqualTo(alice.userId());
    }

    @Test
    @Order(2)
    void readyIsDownWith503WhileTheBreakerIsOpenAndUpAgainWhenDescopeAnswers() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        Browser browser = APP.newBrowser();
        DESCOPE.emulator().faults().set(SIGN_IN_EMAIL, Fault.status(503, null).times(1));
        try {
            Page refused = send(browser, bob);
            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.json().getString("outcome")).isEqualTo("TRY_LATER");

            Page ready = health(browser, "/health/ready");

            assertThat(ready.status()).as("%s", ready).isEqualTo(503);
            assertThat(ready.json().getString("status")).as("%s", ready).isEqualTo("DOWN");
            JsonObject descope = descopeCheck(ready);
            assertThat(descope.getString("status")).as("%s", ready).isEqualTo("DOWN");
            assertThat(descope.getJsonObject("data")).as("%s", ready).isEqualTo(Json.createObjectBuilder()
                    .add("keys", "UP").add("descope", "DOWN").build());
        } finally {
            DESCOPE.emulator().faults().clear();
        }

        // Once the breaker's wait is over, the next send probes Descope, succeeds and closes it.
        Page sent = Eventually.within(Duration.ofSeconds(30), "a link sent after the breaker's wait", () -> {
            Page attempt = send(browser, bob);
            return attempt.status() == 200 ? Optional.of(attempt) : Optional.empty();
        });
        assertThat(sent.json().getString("outcome")).isEqualTo("ACCEPTED");
        Page ready = health(browser, "/health/ready");
        assertThat(ready.status()).as("%s", ready).isEqualTo(200);
        assertThat(descopeCheck(ready).getJsonObject("data")).as("%s", ready).isEqualTo(ALL_UP);
    }

    /** The login page's form, submitted for an email link to {@code user}. */
    private static Page send(Browser browser, TestUser user) {
        return new LinkSignIn(APP, DESCOPE).requestLink(browser, Map.of("loginId", user.loginId()));
    }
}
