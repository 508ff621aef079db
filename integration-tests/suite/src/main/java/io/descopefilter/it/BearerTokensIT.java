package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import io.descopefilter.it.support.TokenForge;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Authorization: Bearer <session JWT>} with {@code acceptBearer} on and off, and API challenges. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class BearerTokensIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp ACCEPTING = TestApp.named("bearer-on", DESCOPE).with("acceptBearer", "true");
    static final TestApp REFUSING = TestApp.named("bearer-off", DESCOPE).with("acceptBearer", "false");

    @Deployment(name = "bearer-on", testable = false)
    public static WebArchive accepting() {
        return ACCEPTING.war();
    }

    @Deployment(name = "bearer-off", testable = false)
    public static WebArchive refusing() {
        return REFUSING.war();
    }

    @Test
    void withAcceptBearerAValidSessionJwtSignsTheApiCallIn() {
        TestUser alice = DESCOPE.newUser("alice", user -> user.roles("admin"));
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(alice.loginId());

        Page me = ACCEPTING.newBrowser().request("GET", "/app/me?role=admin").json().bearer(tokens.sessionJwt()).send();

        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().getString("principalName")).isEqualTo(alice.userId());
        assertThat(me.json().getJsonObject("roles").getBoolean("admin")).isTrue();
        assertThat(me.setsCookie("DS")).as("a bearer call creates no cookie session").isFalse();
    }

    @Test
    void withAcceptBearerInvalidExpiredOrRefreshBearersGet401() {
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("bob").loginId());
        String expired = TokenForge.expired(tokens.sessionJwt(), DESCOPE.emulator().signingKey(),
                Duration.ofMinutes(1));

        for (String bearer : List.of("not-a-jwt", expired, tokens.refreshJwt())) {
            Page me = ACCEPTING.newBrowser().request("GET", "/app/me").json().bearer(bearer).send();
            assertThat(me.status()).as("%s", me).isEqualTo(401);
            assertThat(me.header("WWW-Authenticate")).hasValueSatisfying(value ->
                    assertThat(value).startsWith("Bearer"));
            assertThat(me.body()).doesNotContain(TestApp.PROTECTED_MARKER);
        }
    }

    @Test
    void withoutAcceptBearerEvenAValidSessionJwtIsRefused() {
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("carol").loginId());

        Page me = REFUSING.newBrowser().request("GET", "/app/me").bearer(tokens.sessionJwt()).send();

        assertThat(me.status()).as("%s", me).isEqualTo(401);
        assertThat(me.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(me.body()).doesNotContain(TestApp.PROTECTED_MARKER);
    }

    @Test
    void apiClientsWithoutASessionGet401AndBrowsersARedirect() {
        Page json = REFUSING.newBrowser().request("GET", "/app/me").json().send();
        Page xhr = REFUSING.newBrowser().request("GET", "/app/me").header("X-Requested-With", "XMLHttpRequest").send();
        Page browser = REFUSING.newBrowser().request("GET", "/app/me").header("Accept", "text/html").send();

        assertThat(json.status()).isEqualTo(401);
        assertThat(xhr.status()).isEqualTo(401);
        assertThat(json.header("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).isEqualTo("Bearer realm=\"descope\", error=\"invalid_token\""));
        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.location()).hasValue(REFUSING.url("/login?next=%2Fapp%2Fme"));
    }
}
